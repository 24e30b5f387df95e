using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// A search term and a <c>where</c> like value are patterns as Mautic's MySQL reads them (MAUTIC-SPEC 3.5, 3.6): "%"
/// and "_" wildcards, "\" making the next character plain, a "\" at the end a plain backslash. Both stores read them
/// so; PostgreSQL refused a pattern ending in a backslash with a 500, and SQLite took "\" for a plain character.
/// </summary>
public abstract class ContactSearchPatternTests(Func<TestStore> store)
{
    [Theory]
    [InlineData(@"+firstname:a\", "slash")]
    [InlineData(@"+a\", "slash")]
    [InlineData(@"%\", "slash")]
    [InlineData(@"name:a\", "slash")]
    [InlineData(@"+name:\", "")]
    [InlineData(@"+!email:\", "slash plain")]
    [InlineData(@"+""a\""", "slash")]
    public async Task A_search_ending_in_a_backslash_finds_what_has_one_there_in_the_list_and_both_exports(string search, string emails)
    {
        await using var api = new ApiFactory(store());
        var backslash = await CreateContact(api, """{"email":"slash@x.test","firstname":"a\\"}""");
        var plain = await CreateContact(api, """{"email":"plain@x.test","firstname":"a"}""");
        var expected = emails.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e => e == "slash" ? backslash : plain).ToArray();

        var found = await Search(api, search);
        var csv = await api.ApiClient().GetAsync("/api/contacts/export?format=csv&search=" + Uri.EscapeDataString(search));
        var xlsx = await api.ApiClient().GetAsync("/api/contacts/export?format=xlsx&search=" + Uri.EscapeDataString(search));

        Assert.Equal(expected, found);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(expected.Length + 1, (await csv.Content.ReadAsStringAsync()).Trim().Split('\n').Length);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
    }

    [Theory]
    [InlineData("like", true)]
    [InlineData("notLike", false)]
    public async Task A_where_like_value_ending_in_a_backslash_matches_a_backslash(string expression, bool findsIt)
    {
        await using var api = new ApiFactory(store());
        var backslash = await CreateContact(api, """{"email":"slash@x.test","firstname":"a\\"}""");
        var plain = await CreateContact(api, """{"email":"plain@x.test","firstname":"ab"}""");
        var where = $"where[0][col]=firstname&where[0][expr]={expression}&where[0][val]=" + Uri.EscapeDataString(@"a\");

        var found = await Get(api, "/api/contacts?" + where);
        var xlsx = await api.ApiClient().GetAsync("/api/contacts/export?format=xlsx&" + where);

        Assert.Equal([findsIt ? backslash : plain], found["contacts"]!.AsObject().Select(p => long.Parse(p.Key)));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
    }

    [Theory]
    [InlineData(@"under\_", "under_score")]
    [InlineData("under_", "under_score underXscore")]
    [InlineData(@"a\\b\%%", @"a\b%_c")]
    [InlineData(@"a\b", "")]
    [InlineData("ab", "")]
    [InlineData(@"+a\\b\%\_c", @"a\b%_c")]
    [InlineData(@"firstname:a\\", @"a\b%_c")]
    public async Task Both_stores_read_wildcards_and_escapes_as_Mautic_does(string search, string names)
    {
        await using var api = new ApiFactory(store());
        var ids = new Dictionary<long, string>();
        foreach (var name in new[] { "under_score", "underXscore", @"a\b%_c" })
            ids[await CreateContact(api, $$"""{"firstname":{{System.Text.Json.JsonSerializer.Serialize(name)}}}""")] = name;

        var found = await Search(api, search);

        Assert.Equal(names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(), found.Select(id => ids[id]).Order());
    }

    [Theory]
    [InlineData("<b>Ann</b>")]
    [InlineData("firstname:<i>an</i>")]
    [InlineData("<a href=\"x>y\">ann")]
    public async Task A_search_has_its_tags_taken_out_as_Mautic_strip_tags_does(string search)
    {
        await using var api = new ApiFactory(store());
        var ann = await CreateContact(api, """{"email":"ann@x.test","firstname":"Ann"}""");
        await CreateContact(api, """{"email":"bob@x.test","firstname":"Bob"}""");
        var company = await Create(api, "/api/companies/new", "company", """{"companyname":"Annex"}""");

        Assert.Equal([ann], await Search(api, search));
        Assert.Equal((long)company["id"]!, (long)(await Get(api, "/api/companies?search=" + Uri.EscapeDataString("<b>annex</b>")))["companies"]!.AsObject().Single().Value!["id"]!);
    }

    [Fact]
    public async Task Stage_names_match_a_command_value_by_the_same_pattern_rule()
    {
        await using var api = new ApiFactory(store());
        var (_, stage) = await Send(api, HttpMethod.Post, "/api/stages/new", """{"name":"under_score"}""");
        var (_, other) = await Send(api, HttpMethod.Post, "/api/stages/new", """{"name":"underXscore"}""");
        var staged = await CreateContact(api, $$"""{"email":"s@x.test","stage":{{stage["stage"]!["id"]}}}""");
        var elsewhere = await CreateContact(api, $$"""{"email":"o@x.test","stage":{{other["stage"]!["id"]}}}""");

        Assert.Equal([staged], await Search(api, @"stage:under\_"));
        Assert.Equal([staged, elsewhere], await Search(api, "stage:under_"));
    }
}

public sealed class SqliteContactSearchPatternTests() : ContactSearchPatternTests(TestStore.Sqlite);

public sealed class PostgreSqlContactSearchPatternTests() : ContactSearchPatternTests(TestStore.PostgreSql);
