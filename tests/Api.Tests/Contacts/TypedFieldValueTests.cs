using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Companies.CompanyTests;
using static Actors.Api.Tests.Contacts.ContactWriteTests;
using static Actors.Api.Tests.Contacts.NumberFieldTests;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// Date, datetime, time and boolean fields read a value as Mautic does on every write path (REST, tracking, import):
/// dates as PHP's strtotime reads them (day first with dots or dashes, month first with slashes), booleans by Mautic's
/// spellings and the field's own yes/no labels; and a where expression reads its value by the same rules, so it finds
/// what a write of that value stored.
/// </summary>
public abstract class TypedFieldValueTests(Func<TestStore> store)
{
    [Fact]
    public async Task Every_write_path_reads_a_dotted_date_day_first_and_refuses_a_bare_number()
    {
        await using var api = new ApiFactory(store());
        await NewField(api, """{"label":"Day","alias":"f_date","type":"date","isPubliclyUpdatable":true}""");

        var rest = await Create(api, """{"email":"a@example.com","f_date":"01.05.2024"}""");
        var (late, lateBody) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"b@example.com","f_date":"13.05.2024"}""");
        var american = await Create(api, """{"email":"c@example.com","f_date":"05/01/2024"}""");
        var named = await Create(api, """{"email":"d@example.com","f_date":"May 1, 2024"}""");
        var (bare, bareBody) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"e@example.com","f_date":"1.5"}""");
        var (comma, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"f@example.com","f_date":"1,5"}""");
        var tracked = await Track(api, new() { ["page_url"] = "http://x/", ["f_date"] = "01-05-2024" });
        var trackedBare = await Track(api, new() { ["page_url"] = "http://x/", ["f_date"] = "1.5" });
        var import = await Import(api, "email,f_date\ng@example.com,01.05.2024\nh@example.com,1.5\n");

        Assert.Equal("2024-05-01", await Stored(api, rest, "f_date"));
        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        Assert.Equal("2024-05-13", await Stored(api, (long)lateBody["contact"]!["id"]!, "f_date"));
        Assert.Equal("2024-05-01", await Stored(api, american, "f_date"));
        Assert.Equal("2024-05-01", await Stored(api, named, "f_date"));
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal("f_date: must be a date such as 2026-11-23.", (string?)bareBody["errors"]![0]!["message"]);
        Assert.Equal(HttpStatusCode.BadRequest, comma.StatusCode);
        Assert.Equal("2024-05-01", await Stored(api, tracked, "f_date"));
        Assert.Null(await Stored(api, trackedBare, "f_date"));
        Assert.Equal(1, (int)import["insertedCount"]!);
        Assert.Equal("f_date: must be a date such as 2026-11-23.", (string?)Assert.Single(import["failedLines"]!.AsArray())!["message"]);
        Assert.Equal("2024-05-01", Field((await ListContacts(api.ApiClient(), "email:g@example.com")).Single().Value!, "f_date"));
    }

    [Fact]
    public async Task A_datetime_field_stores_the_moment_in_utc_and_last_active_reads_the_same_spellings()
    {
        await using var api = new ApiFactory(store());
        await NewField(api, """{"label":"Seen","alias":"f_dt","type":"datetime"}""");

        var id = await Create(api, """{"email":"a@example.com","f_dt":"01.05.2024 12:20:30+02:00","lastActive":"01.05.2024 10:00"}""");
        var (_, contact) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}", "");

        Assert.Equal("2024-05-01 10:20:30", await Stored(api, id, "f_dt"));
        Assert.Equal("2024-05-01 10:00:00", (string?)contact["contact"]!["fields"]!["all"]!["last_active"]);
    }

    [Fact]
    public async Task A_boolean_field_takes_its_own_yes_and_no_labels_in_any_case_on_every_write_path()
    {
        await using var api = new ApiFactory(store());
        await NewField(api, """{"label":"Bl","alias":"bl","type":"boolean","isPubliclyUpdatable":true,"properties":{"yes":"Ja","no":"Nein"}}""");

        var yes = await Create(api, """{"email":"a@example.com","bl":"Ja"}""");
        var no = await Create(api, """{"email":"b@example.com","bl":" NEIN "}""");
        var spelled = await Create(api, """{"email":"c@example.com","bl":"yes"}""");
        var (other, otherBody) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"d@example.com","bl":"vielleicht"}""");
        var tracked = await Track(api, new() { ["page_url"] = "http://x/", ["bl"] = "ja" });
        await Import(api, "email,bl\ne@example.com,nein\n");

        Assert.Equal("1", await Stored(api, yes, "bl"));
        Assert.Equal("0", await Stored(api, no, "bl"));
        Assert.Equal("1", await Stored(api, spelled, "bl"));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal("bl: must be true or false (1/0, yes/no, on/off, Ja/Nein).", (string?)otherBody["errors"]![0]!["message"]);
        Assert.Equal("1", await Stored(api, tracked, "bl"));
        Assert.Equal("0", Field((await ListContacts(api.ApiClient(), "email:e@example.com")).Single().Value!, "bl"));
    }

    [Fact]
    public async Task Where_reads_a_date_datetime_time_or_boolean_value_as_a_write_of_it_would_store_it()
    {
        await using var api = new ApiFactory(store());
        await NewField(api, """{"label":"Day","alias":"f_date","type":"date"}""");
        await NewField(api, """{"label":"Seen","alias":"f_dt","type":"datetime"}""");
        await NewField(api, """{"label":"At","alias":"f_time","type":"time"}""");
        await NewField(api, """{"label":"Bl","alias":"bl","type":"boolean","properties":{"yes":"Ja","no":"Nein"}}""");
        var early = await Create(api, """{"email":"a@example.com","f_date":"2024-05-01","f_dt":"2024-05-01T10:20:30Z","f_time":"10:20","bl":true}""");
        var late = await Create(api, """{"email":"b@example.com","f_date":"2024-05-13","f_dt":"2024-05-01 10:20:31","f_time":"10:21","bl":"no"}""");

        Assert.Equal([early], await Where(api, "f_dt", "eq", "2024-05-01T10:20:30Z"));
        Assert.Equal([early], await Where(api, "f_date", "eq", "01.05.2024"));
        Assert.Equal([late], await Where(api, "f_date", "gt", "1 May 2024"));
        Assert.Equal([late], await Where(api, "f_time", "gt", "10:20"));
        Assert.Equal([early], await Where(api, "f_time", "lte", "10.20"));
        Assert.Equal([late], await Where(api, "f_dt", "gt", "2024-05-01 12:20:30+02:00"));
        Assert.Equal([early, late], await Where(api, "f_date", "between", "01.05.2024", "05/13/2024"));
        Assert.Equal([early], await Where(api, "bl", "eq", "true"));
        Assert.Equal([early], await Where(api, "bl", "eq", "yes"));
        Assert.Equal([early], await Where(api, "bl", "eq", "JA"));
        Assert.Equal([late], await Where(api, "bl", "in", "nein", "x"));
        // A value no write would take is compared as the text it is, as before.
        Assert.Equal([early], await Where(api, "f_date", "eq", "2024-05-01"));
        Assert.Empty(await Where(api, "f_date", "eq", "soon"));
        Assert.Equal([early, late], await Where(api, "f_date", "like", "2024-05-%"));
    }

    private static async Task<long[]> Where(ApiFactory api, string column, string expression, params string[] values)
    {
        var (response, body) = await Send(api, HttpMethod.Get, "/api/contacts?limit=0&" + WhereQuery(column, expression, values), "");
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body["contacts"]!.AsObject().Select(c => long.Parse(c.Key, CultureInfo.InvariantCulture)).Order().ToArray();
    }
}

public sealed class SqliteTypedFieldValueTests() : TypedFieldValueTests(TestStore.Sqlite);

public sealed class PostgreSqlTypedFieldValueTests() : TypedFieldValueTests(TestStore.PostgreSql);
