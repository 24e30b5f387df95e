using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>
/// Every list reads its plain parameters as Mautic's PHP reads a query: pairs in order, a later one replacing an
/// earlier one of the same name, so a repeated parameter is the last one given rather than a 400.
/// </summary>
public abstract class RepeatedListParameterTests(Func<TestStore> store)
{
    static readonly string[] Lists =
        ["contacts", "companies", "notes", "contacts/CONTACT/notes", "segments", "stages", "categories", "campaigns", "users", "tags", "fields/contact", "contacts/import"];

    [Fact]
    public async Task A_repeated_parameter_is_the_last_one_given_on_every_list_and_a_bad_last_one_is_a_400()
    {
        await using var api = new ApiFactory(store());
        var contact = await CreateContact(api, """{"email":"r@example.com"}""");

        foreach (var list in Lists.Select(l => "/api/" + l.Replace("CONTACT", contact.ToString())))
        {
            await Get(api, list + "?limit=abc&limit=1&start=-1&start=0&orderByDir=up&orderByDir=desc&search=nothing-matches&search=&minimal=1&minimal=0&publishedOnly=1&publishedOnly=0");
            foreach (var refused in new[] { "?limit=1&limit=abc", "?orderByDir=desc&orderByDir=up", "?start[]=1", "?limit=1&limit[]=2" })
            {
                var (status, body) = await Send(api, HttpMethod.Get, list + refused);
                Assert.True(status == HttpStatusCode.BadRequest, $"{list}{refused}: {(int)status} {body.ToJsonString()}");
            }
        }
    }

    [Fact]
    public async Task Limit_given_twice_pages_by_the_second_as_PHP_reads_it()
    {
        await using var api = new ApiFactory(store());
        await CreateContact(api, """{"email":"r1@example.com"}""");
        await CreateContact(api, """{"email":"r2@example.com"}""");
        await Create(api, "/api/companies/new", "company", """{"companyname":"One"}""");
        await Create(api, "/api/companies/new", "company", """{"companyname":"Two"}""");
        await Create(api, "/api/tags/new", "tag", """{"tag":"one"}""");
        await Create(api, "/api/tags/new", "tag", """{"tag":"two"}""");

        Assert.Equal(2, (await Get(api, "/api/contacts?limit=1&limit=2"))["contacts"]!.AsObject().Count);
        Assert.Single((await Get(api, "/api/contacts?limit=2&limit=1"))["contacts"]!.AsObject());
        Assert.Equal(2, (await Get(api, "/api/companies?limit=1&limit=2"))["companies"]!.AsObject().Count);
        Assert.Equal(2, (await Get(api, "/api/tags?limit=1&limit=2"))["tags"]!.AsObject().Count);
        Assert.Single((await Get(api, "/api/tags?limit=2&limit=1&search=nothing&search="))["tags"]!.AsObject());
    }
}

public sealed class SqliteRepeatedListParameterTests() : RepeatedListParameterTests(TestStore.Sqlite);

public sealed class PostgreSqlRepeatedListParameterTests() : RepeatedListParameterTests(TestStore.PostgreSql);
