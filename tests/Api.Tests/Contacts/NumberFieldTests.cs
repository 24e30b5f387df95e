using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Companies.CompanyTests;
using static Actors.Api.Tests.Contacts.ContactWriteTests;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// A number field holds a number, as Mautic's DOUBLE column does: every write stores it in one form, so the unique
/// index, search, export and GET agree on "1.0" and 1, and where and orderBy compare it as a number, not as text.
/// </summary>
public abstract class NumberFieldTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_unique_number_field_identifies_one_contact_however_the_number_is_spelled()
    {
        await using var api = new ApiFactory(store());
        await NewField(api, """{"label":"Member","alias":"member","type":"number","isUniqueIdentifier":true}""");

        var first = await Create(api, """{"member":"1.0"}""");
        var again = new List<JsonNode>();
        foreach (var spelling in new[] { "1", "\"1e0\"", "\"01\"" })
            again.Add((await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"member":{{spelling}}}""")).Body);
        var (batch, body) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new", """[{"member":"2.0"},{"member":2,"city":"Oslo"},{"member":"1.00"}]""");

        Assert.All(again, found => Assert.Equal(first, (long)found["contact"]!["id"]!));
        Assert.Equal("1", (await api.Grains.GetContact(first).Get())!.Fields["member"]);
        Assert.Equal(HttpStatusCode.Created, batch.StatusCode);
        var batchIds = body["contacts"]!.AsArray().Select(c => (long)c!["id"]!).ToArray();
        Assert.Equal(batchIds[0], batchIds[1]);
        Assert.Equal(first, batchIds[2]);
        Assert.Equal("1", (string?)(await List(api, "search=member:1"))["total"]);
        Assert.Equal("1", (string?)(await List(api, "search=member:1.0"))["total"]);
        Assert.Equal("1", (string?)(await List(api, "search=member:01"))["total"]);
    }

    [Fact]
    public async Task Every_write_path_stores_a_number_in_its_one_form()
    {
        await using var api = new ApiFactory(store());
        await NewField(api, """{"label":"Score","alias":"score","type":"number","isPubliclyUpdatable":true}""");
        await NewField(api, """{"label":"Level","alias":"level","type":"number","defaultValue":"4.0"}""");

        var created = await Create(api, """{"email":"a@example.com","score":"1.50"}""");
        var patched = await Create(api, """{"email":"b@example.com","score":7}""");
        await Send(api, HttpMethod.Patch, $"/api/contacts/{patched}/edit", """{"score":-0.0}""");
        var huge = await Create(api, """{"email":"c@example.com","score":1e300}""");
        var tracked = await Track(api, new() { ["page_url"] = "http://x/", ["score"] = "2.50" });
        await Import(api, "email,score\nd@example.com,03\n");
        var imported = long.Parse((await ListContacts(api.ApiClient(), "email:d@example.com")).Single().Key, CultureInfo.InvariantCulture);

        Assert.Equal("1.5", await Stored(api, created, "score"));
        Assert.Equal("0", await Stored(api, patched, "score"));
        Assert.Equal("1E+300", await Stored(api, huge, "score"));
        Assert.Equal("2.5", await Stored(api, tracked, "score"));
        Assert.Equal("3", await Stored(api, imported, "score"));
        Assert.Equal("4", await Stored(api, created, "level"));
    }

    [Fact]
    public async Task Where_compares_a_number_field_as_a_number()
    {
        await using var api = new ApiFactory(store());
        var ids = await ScoresAsync(api, "9", "10", "-100", "1e300", "\"1.0\"", "-0.0");

        Assert.Equal(["10", "1e300"], await Matching(api, ids, "gt", "9"));
        Assert.Equal(["9", "10", "1e300"], await Matching(api, ids, "gte", "9.0"));
        Assert.Equal(["-100", "\"1.0\"", "-0.0"], await Matching(api, ids, "lt", "2"));
        Assert.Equal(["-100"], await Matching(api, ids, "lt", "0"));
        Assert.Equal(["\"1.0\""], await Matching(api, ids, "eq", "1"));
        Assert.Equal(["-0.0"], await Matching(api, ids, "eq", "-0"));
        Assert.Equal(["9", "10", "\"1.0\"", "-0.0"], await Matching(api, ids, "between", "0", "10"));
        Assert.Equal(["-100", "1e300"], await Matching(api, ids, "notBetween", "0", "10"));
        Assert.Equal(["10", "\"1.0\""], await Matching(api, ids, "in", "1e0", "10"));
        var (refused, _) = await Send(api, HttpMethod.Get, "/api/contacts?where[0][col]=score&where[0][expr]=gt&where[0][val]=many", "");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task OrderBy_a_number_field_orders_by_the_number()
    {
        await using var api = new ApiFactory(store());
        var ids = await ScoresAsync(api, "9", "10", "-100", "1e300", "\"1.0\"", "-0.0");

        Assert.Equal(["-100", "-0.0", "\"1.0\"", "9", "10", "1e300"], Sent(ids, await Listed(api, "orderBy=score&orderByDir=asc")));
        Assert.Equal(["1e300", "10", "9", "\"1.0\"", "-0.0", "-100"], Sent(ids, await Listed(api, "orderBy=score&orderByDir=desc")));
    }

    [Fact]
    public async Task The_export_and_the_contact_show_a_number_as_it_is_stored()
    {
        await using var api = new ApiFactory(store());
        var ids = await ScoresAsync(api, "\"1.0\"", "-0.0", "1e300");

        var csv = await api.ApiClient().GetStringAsync("/api/contacts/export?format=csv&orderBy=id");
        var (_, contact) = await Send(api, HttpMethod.Get, $"/api/contacts/{ids["\"1.0\""]}", "");

        Assert.Equal(["1", "0", "1E+300"], ExportedScores(csv));
        Assert.Equal("1", contact["contact"]!["fields"]!["all"]!["score"]!.ToJsonString());
    }

    [Fact]
    public async Task Values_an_older_build_stored_in_other_spellings_compare_and_export_as_their_number_and_other_text_as_none()
    {
        await using var api = new ApiFactory(store());
        await NewField(api, """{"label":"Score","alias":"score","type":"number"}""");
        var legacy = new Dictionary<string, long>();
        foreach (var value in new[] { "1.0", " 07", "abc", "Infinity", "-0.0" })
        {
            var id = await Create(api, $$"""{"email":"{{legacy.Count}}@example.com"}""");
            await api.Grains.GetContact(id).Apply(new ContactEdit { At = DateTimeOffset.UtcNow, Fields = new Dictionary<string, string?> { ["score"] = value } });
            legacy[value] = id;
        }

        Assert.Equal(["1.0", " 07"], await Matching(api, legacy, "gt", "0"));
        Assert.Equal(["1.0"], await Matching(api, legacy, "eq", "1"));
        Assert.Equal(["-0.0"], await Matching(api, legacy, "eq", "0"));
        Assert.Equal(["abc", "Infinity", "-0.0", "1.0", " 07"], Sent(legacy, await Listed(api, "orderBy=score&orderByDir=asc")));
        var csv = await api.ApiClient().GetStringAsync("/api/contacts/export?format=csv");
        Assert.Equal(["1", "7", "abc", "", "0"], ExportedScores(csv));
    }

    /// <summary>One contact per value, each value as it is written into the JSON body, by that text.</summary>
    private static async Task<Dictionary<string, long>> ScoresAsync(ApiFactory api, params string[] values)
    {
        await NewField(api, """{"label":"Score","alias":"score","type":"number"}""");
        var ids = new Dictionary<string, long>();
        foreach (var value in values)
            ids[value] = await Create(api, $$"""{"email":"{{ids.Count}}@example.com","score":{{value}}}""");
        return ids;
    }

    /// <summary>One where expression on <paramref name="column"/>: a single value, or a list for in and two-value expressions.</summary>
    internal static string WhereQuery(string column, string expression, string[] values)
        => $"where[0][col]={column}&where[0][expr]={expression}" + string.Concat(values.Select((v, i) =>
            values.Length == 1 && expression != "in" ? $"&where[0][val]={Uri.EscapeDataString(v)}" : $"&where[0][val][{i}]={Uri.EscapeDataString(v)}"));

    internal static async Task NewField(ApiFactory api, string json)
    {
        var (response, body) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
    }

    internal static async Task<string?> Stored(ApiFactory api, long id, string alias) => (await api.Grains.GetContact(id).Get())!.Fields.GetValueOrDefault(alias);

    /// <summary>The values whose contacts the where expression on score matches, in the order they were given.</summary>
    private static async Task<string[]> Matching(ApiFactory api, Dictionary<string, long> ids, string expression, params string[] values)
    {
        var listed = (await Listed(api, WhereQuery("score", expression, values))).ToHashSet();
        return ids.Where(pair => listed.Contains(pair.Value)).Select(pair => pair.Key).ToArray();
    }

    private static async Task<long[]> Listed(ApiFactory api, string query) =>
        (await List(api, query))["contacts"]!.AsObject().Select(c => long.Parse(c.Key, CultureInfo.InvariantCulture)).ToArray();

    private static async Task<JsonNode> List(ApiFactory api, string query)
    {
        var (response, body) = await Send(api, HttpMethod.Get, "/api/contacts?limit=0&" + query, "");
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static string[] Sent(Dictionary<string, long> ids, IEnumerable<long> listed) =>
        listed.Select(id => ids.Single(pair => pair.Value == id).Key).ToArray();

    /// <summary>The score column of a CSV export, in its row order (by id, as the contacts were made).</summary>
    private static string[] ExportedScores(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var column = Array.IndexOf(lines[0].Split(','), "score");
        return lines[1..].Select(line => line.Split(',')[column]).ToArray();
    }
}

public sealed class SqliteNumberFieldTests() : NumberFieldTests(TestStore.Sqlite);

public sealed class PostgreSqlNumberFieldTests() : NumberFieldTests(TestStore.PostgreSql);
