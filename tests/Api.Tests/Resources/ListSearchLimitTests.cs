using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>Every entity list caps its search's terms as the contacts' list does, with the same 400.</summary>
public abstract class ListSearchLimitTests(Func<TestStore> store)
{
    static readonly string[] Lists =
        ["companies", "notes", "contacts/CONTACT/notes", "segments", "stages", "categories", "campaigns", "users", "tags", "fields/contact"];

    static string Words(int count) => string.Join(' ', Enumerable.Repeat("b", count));

    [Fact]
    public async Task A_search_past_100_terms_is_a_400_on_every_list_and_100_terms_still_search()
    {
        await using var api = new ApiFactory(store());
        var contact = await CreateContact(api, """{"email":"b@example.com"}""");
        await Create(api, "/api/companies/new", "company", """{"companyname":"Bob's"}""");
        await Create(api, "/api/notes/new", "note", $$"""{"lead":{{contact}},"text":"about b"}""");

        foreach (var list in Lists.Select(l => "/api/" + l.Replace("CONTACT", contact.ToString())))
        {
            var (status, body) = await Send(api, HttpMethod.Get, list + "?search=" + Uri.EscapeDataString(Words(1000)));
            Assert.True(status == HttpStatusCode.BadRequest, $"{list}: {(int)status} {body.ToJsonString()}");
            Assert.Equal("search: at most 100 terms; this one has 1000.", Message(body));
            await Get(api, list + "?search=" + Uri.EscapeDataString(Words(100)));
        }
        Assert.Equal(1, (int)(await Get(api, "/api/companies?search=" + Uri.EscapeDataString(Words(100))))["total"]!);
        Assert.Equal(1, (int)(await Get(api, "/api/notes?search=" + Uri.EscapeDataString(Words(100))))["total"]!);
    }
}

public sealed class SqliteListSearchLimitTests() : ListSearchLimitTests(TestStore.Sqlite);

public sealed class PostgreSqlListSearchLimitTests() : ListSearchLimitTests(TestStore.PostgreSql);
