using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Contacts.ContactWriteTests;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Companies;

/// <summary>
/// A contact's company field and its company links never end half made: a write that is refused leaves no company it
/// would have created (Mautic validates the whole form before it saves).
/// </summary>
public abstract class CompanyLinkRaceTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_refused_contact_write_naming_a_new_company_leaves_no_company()
    {
        await using var api = new ApiFactory(store());
        await Create(api, """{"email":"ann@example.com"}""");
        var bob = await Create(api, """{"email":"bob@example.com"}""");

        var (patched, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{bob}/edit", """{"email":"ann@example.com","company":"Ghost One"}""");
        var (put, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{bob}/edit", """{"email":"ann@example.com","company":"Ghost Two"}""");
        var (posted, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"cy@example.com","company":"Ghost Three","website":"javascript:1"}""");
        var (_, batchNew) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new",
            """[{"email":"di@example.com","company":"Ghost Four","website":"javascript:1"},{"email":"ed@example.com","company":"Kept"}]""");
        var (_, batchEdit) = await Send(api, HttpMethod.Patch, "/api/contacts/batch/edit", $$"""[{"id":{{bob}},"email":"ann@example.com","company":"Ghost Five"}]""");
        var import = await Import(api, $"id,email,company\n{bob},ann@example.com,Ghost Six\n");
        // A hit tracking refuses (a bot's) finds no company.
        var bot = api.Visitor();
        bot.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (compatible; Googlebot/2.1)");
        var pixel = await bot.GetAsync("/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F&company=Ghost%20Seven");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, patched.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal([400, 201], batchNew["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.Equal([422], batchEdit["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.Equal(1, (int)import["ignoredCount"]!);
        Assert.Equal(HttpStatusCode.OK, pixel.StatusCode);
        Assert.Equal(["Kept"], await CompanyNames(api));
    }

    private static async Task<string[]> CompanyNames(ApiFactory api)
    {
        var (_, list) = await Send(api, HttpMethod.Get, "/api/companies?orderBy=companyname&limit=0", "");
        return [.. list["companies"]!.AsObject().Select(c => (string)c.Value!["fields"]!["all"]!["companyname"]!)];
    }
}

public sealed class SqliteCompanyLinkRaceTests() : CompanyLinkRaceTests(TestStore.Sqlite);

public sealed class PostgreSqlCompanyLinkRaceTests() : CompanyLinkRaceTests(TestStore.PostgreSql);
