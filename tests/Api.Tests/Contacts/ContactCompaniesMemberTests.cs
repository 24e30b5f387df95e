using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// A contact body's companies member (MAUTIC-SPEC 3.7, Mautic's modifyCompanies): the contact's links become those
/// companies, each new one linked in turn so the last new one is primary and names the company field; an empty list
/// unlinks them all. A company id that names no company is a 400 that changes nothing.
/// </summary>
public abstract class ContactCompaniesMemberTests(Func<TestStore> store)
{
    [Fact]
    public async Task The_companies_member_links_those_companies_and_unlinks_the_others()
    {
        await using var api = new ApiFactory(store());
        var first = await Companies.CompanyDeleteTests.NewCompany(api, "First");
        var third = await Companies.CompanyDeleteTests.NewCompany(api, "Third");

        var (created, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"jo@example.com","companies":[{{first}},"{{third}}"]}""");
        var contact = (long)body["contact"]!["id"]!;
        var (_, both) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");
        var (_, patched) = await Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", $$"""{"companies":[{{first}}]}""");
        var (_, one) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");
        var (_, emptied) = await Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", """{"companies":[]}""");
        var (_, none) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Third", (string?)body["contact"]!["fields"]!["all"]!["company"]);
        Assert.Equal([$"{first}:0", $"{third}:1"], both["companies"]!.AsArray().Select(c => $"{c!["company_id"]}:{c["is_primary"]}"));
        Assert.Equal("First", (string?)patched["contact"]!["fields"]!["all"]!["company"]);
        Assert.Equal([$"{first}:1"], one["companies"]!.AsArray().Select(c => $"{c!["company_id"]}:{c["is_primary"]}"));
        Assert.Null((string?)emptied["contact"]!["fields"]!["all"]!["company"]);
        Assert.Equal(0, (int)none["total"]!);
    }

    [Theory]
    [InlineData("[999]", "companies: no company has the id 999")]
    [InlineData("\"1,2\"", "companies: must be an array of company ids")]
    [InlineData("[\"x\"]", "companies: must be an array of company ids")]
    public async Task A_companies_member_naming_no_company_answers_400_and_changes_nothing(string companies, string message)
    {
        await using var api = new ApiFactory(store());
        var kept = await Companies.CompanyDeleteTests.NewCompany(api, "Kept");
        var contact = await Create(api, $$"""{"email":"jo@example.com","companies":[{{kept}}]}""");

        var (created, createError) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"new@example.com","companies":{{companies}}}""");
        var (patched, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", $$"""{"firstname":"Changed","companies":{{companies}}}""");
        var (_, got) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}", "");
        var (_, links) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.StartsWith(message, (string)createError["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode);
        Assert.Null((string?)got["contact"]!["fields"]!["all"]!["firstname"]);
        Assert.Equal([kept.ToString()], links["companies"]!.AsArray().Select(c => (string)c!["company_id"]!));
        Assert.Equal(1, await ContactTotal(api));
    }

    private static async Task<int> ContactTotal(ApiFactory api)
        => int.Parse((string)(await Send(api, HttpMethod.Get, "/api/contacts", "")).Body["total"]!);
}

public sealed class SqliteContactCompaniesMemberTests() : ContactCompaniesMemberTests(TestStore.Sqlite);

public sealed class PostgreSqlContactCompaniesMemberTests() : ContactCompaniesMemberTests(TestStore.PostgreSql);
