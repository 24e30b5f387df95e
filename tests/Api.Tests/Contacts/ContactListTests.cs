using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Segments;
using Actors.Interfaces.Stages;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// GET /api/contacts through the real pipeline on a real store, over five contacts written through their grains:
/// 1 Ann Smith (Paris, Acme Corp, owned by a user made for the test, stage lead, tag vip, segment 3, 10 points, active at T+3),
/// 2 Bob Jones (Berlin, Globex Corp, bob@acme.org, tag other, 5 points, T+1),
/// 3 Jo Smithers (Paris, zip 75001, 20 points, T+2), 4 an anonymous visitor (IP 10.0.0.4, tag pricing, T+4),
/// and 5, merged into 1 and so never listed.
/// </summary>
public abstract class ContactListTests(Func<TestStore> store)
{
    static readonly DateTimeOffset T = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Ann's owner: a real user, since the start-up sweep takes ids no user has off the contacts owning them.</summary>
    private long _owner;

    protected async Task<ApiFactory> StartAsync()
    {
        var api = new ApiFactory(store());
        _owner = await NewUserAsync(api);
        // Contacts hold their stage's id; the stage: command matches the name in the stage catalog.
        var lead = await api.Grains.GetGrain<IEntityCatalogGrain<Stage>>(Stage.CatalogKey).Add(new Stage(0, "lead", 0, null, true, T, null));
        await Edit(api, 5, new() { At = T.AddDays(-10), Fields = Values(("firstname", "Zed")) });
        await Edit(api, 1, new()
        {
            At = T,
            Fields = Values(("firstname", "Ann"), ("lastname", "Smith"), ("email", "ann@example.com"), ("company", "Acme Corp"),
                ("city", "Paris"), ("state", "Ile-de-France"), ("country", "France")),
            PointsDelta = 10, AddTags = ["vip"], OwnerId = _owner, Stage = lead.Entry!.Id.ToString(), JoinSegments = [3],
        });
        await Edit(api, 2, new()
        {
            At = T,
            Fields = Values(("firstname", "Bob"), ("lastname", "Jones"), ("email", "bob@acme.org"), ("company", "Globex Corp"), ("city", "Berlin")),
            PointsDelta = 5, AddTags = ["other"],
        });
        await Edit(api, 3, new()
        {
            At = T,
            Fields = Values(("firstname", "Jo"), ("lastname", "Smithers"), ("email", "jo@acme.io"), ("city", "Paris"), ("zipcode", "75001")),
            PointsDelta = 20,
        });
        await Hit(api, 2, T.AddHours(1));
        await Hit(api, 3, T.AddHours(2));
        await Hit(api, 1, T.AddHours(3));
        await Hit(api, 4, T.AddHours(4), ip: "10.0.0.4", tags: ["pricing"]);
        Assert.Equal(MergeOutcome.Merged, await api.Grains.GetContact(1).Absorb(5));
        return api;
    }

    [Fact]
    public async Task The_list_holds_every_live_contact_newest_activity_first_with_the_total_as_a_string()
    {
        await using var api = await StartAsync();

        var list = await List(api, "");

        Assert.Equal("4", (string)list["total"]!);
        Assert.Equal(Expected(4, 1, 3, 2), Ids(list));
        var ann = list["contacts"]!["1"]!;
        Assert.Equal(1, (long)ann["id"]!);
        Assert.Equal("ann@example.com", (string)ann["fields"]!["all"]!["email"]!);
        Assert.Equal("vip", (string)ann["tags"]![0]!["tag"]!);
        Assert.Null(list["contacts"]!["4"]!["dateIdentified"]);
    }

    [Fact]
    public async Task An_empty_result_is_an_empty_object_and_a_zero_total()
    {
        await using var api = await StartAsync();

        var response = await api.ApiClient().GetAsync("/api/contacts?search=nobody");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"total":"0","contacts":{}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bare_terms_match_anywhere_in_the_name_contact_and_location_fields_and_quotes_keep_words_together()
    {
        await using var api = await StartAsync();

        Assert.Equal(Expected(1, 3), await Search(api, "smith"));
        Assert.Equal(Expected(1), await Search(api, "+smith"));
        Assert.Equal(Expected(1, 2), await Search(api, "acme corp"));
        Assert.Equal(Expected(1), await Search(api, "\"acme corp\""));
        Assert.Equal(Expected(1), await Search(api, "ILE-DE"));
        Assert.Equal(Expected(1, 3), await Search(api, "%smith%"));
        Assert.Empty(await Search(api, "zed"));
    }

    [Fact]
    public async Task Commands_match_the_start_of_a_value_or_all_of_it_when_strict()
    {
        await using var api = await StartAsync();

        Assert.Equal(Expected(1, 3), await Search(api, "name:smith"));
        Assert.Equal(Expected(1), await Search(api, "+name:smith"));
        Assert.Equal(Expected(1), await Search(api, "!+name:smithers name:smi"));
        Assert.Equal(Expected(2), await Search(api, "email:bob"));
        Assert.Equal(Expected(1, 3), await Search(api, "city:paris"));
        Assert.Equal(Expected(3), await Search(api, "zipcode:750"));
        Assert.Equal(Expected(1), await Search(api, "state:ile"));
        // A command without a value is dropped; one Mautic does not know is one strict word (ContactCompanySearchTests).
        Assert.Equal(Expected(4, 1, 3, 2), await Search(api, "city:"));
    }

    [Fact]
    public async Task Or_groups_parentheses_and_negation_combine()
    {
        await using var api = await StartAsync();

        Assert.Equal(Expected(3, 2), await Search(api, "city:berlin OR name:jo"));
        Assert.Equal(Expected(3, 2), await Search(api, "(city:paris OR city:berlin) !name:ann"));
        Assert.Equal(Expected(4, 2), await Search(api, "!city:paris"));
        Assert.Equal(Expected(4), await Search(api, "!(city:paris OR city:berlin)"));
        Assert.Equal(Expected(1, 2), await Search(api, "city:paris name:ann OR city:berlin"));
        Assert.Equal(Expected(1, 3), await Search(api, "(city:paris"));
    }

    [Fact]
    public async Task A_name_pattern_of_many_wildcards_against_a_long_name_is_answered_at_once()
    {
        await using var api = await StartAsync();
        await api.Grains.GetGrain<IEntityCatalogGrain<Stage>>(Stage.CatalogKey).Add(new Stage(0, new string('a', 191), 0, null, true, T, null));

        // A backtracking matcher takes hours on this (each "%" multiplied the time by about twenty); a linear one, none.
        var found = await Search(api, "stage:a%a%a%a%a%a%a%a%a%a%b").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(found);
        Assert.Equal(Expected(1), await Search(api, "stage:l%d"));
    }

    [Fact]
    public async Task Status_owner_stage_set_and_id_commands_select_their_contacts()
    {
        await using var api = await StartAsync();

        Assert.Equal(Expected(4), await Search(api, "is:anonymous"));
        Assert.Equal(Expected(1, 3, 2), await Search(api, "!is:anonymous"));
        Assert.Equal(Expected(4, 3, 2), await Search(api, "is:unowned"));
        Assert.Empty(await Search(api, "is:mine"));
        Assert.Equal(Expected(1), await Search(api, $"owner:{_owner}"));
        Assert.Equal(Expected(1), await Search(api, "stage:lea"));
        Assert.Equal(Expected(1), await Search(api, "tag:vip"));
        Assert.Equal(Expected(4), await Search(api, "tag:PRI"));
        Assert.Equal(Expected(4, 3, 2), await Search(api, "!tag:vip"));
        Assert.Equal(Expected(4), await Search(api, "ip:10.0.0"));
        Assert.Equal(Expected(1), await Search(api, "segment:3"));
        // A contact stores no empty collection, so these reach payloads that hold no ips or segments at all.
        Assert.Equal(Expected(1, 3, 2), await Search(api, "!ip:10.0.0"));
        Assert.Equal(Expected(4, 3, 2), await Search(api, "!segment:3"));
        Assert.Equal(Expected(3, 2), await Search(api, "ids:2,3,abc,5"));
    }

    [Fact]
    public async Task A_name_that_matches_more_segments_or_stages_than_sql_has_levels_or_parameters_selects_their_contacts()
    {
        await using var api = await StartAsync();
        // Past SQLite's 1000 levels when each segment was an OR branch, and its 32766 parameters when 100 terms had one per id.
        var added = await api.Grains.GetGrain<IEntityCatalogGrain<Segment>>(Segment.CatalogKey)
            .Ensure(Enumerable.Range(1, 1100).Select(i => new Segment(0, $"S{i}", $"s{i}", null, true, false, "[]", T, null)).ToArray());
        Assert.Contains(added, s => s.Id == 3);
        await api.Grains.GetGrain<IEntityCatalogGrain<Stage>>(Stage.CatalogKey)
            .Ensure(Enumerable.Range(1, 1100).Select(i => new Stage(0, $"S{i}", 0, null, true, T, null)).ToArray());

        Assert.Equal(Expected(1), await Search(api, "segment:%"));
        Assert.Equal(Expected(4, 3, 2), await Search(api, "!segment:%"));
        Assert.Equal(Expected(1), await Search(api, Repeat("segment:% ", 100)));
        Assert.Equal(Expected(1), await Search(api, Repeat("stage:% OR ", 99) + "stage:%"));
        Assert.Equal(Expected(1), await Search(api, Repeat("segment:% stage:% ", 49) + $"segment:s3 owner:{_owner}"));
        Assert.Empty(await Search(api, "segment:s4"));
        Assert.Empty(await Search(api, "stage:s"));
    }

    [Fact]
    public async Task Where_expressions_compare_columns_and_field_values()
    {
        await using var api = await StartAsync();

        Assert.Equal(Expected(1), await Where(api, "where[0][col]=points&where[0][expr]=eq&where[0][val]=10"));
        Assert.Equal(Expected(1, 3), await Where(api, "where[0][column]=points&where[0][expr]=gt&where[0][value]=5"));
        Assert.Equal(Expected(1, 2), await Where(api, "where[0][col]=points&where[0][expr]=between&where[0][val][]=5&where[0][val][]=10"));
        Assert.Equal(Expected(4, 3), await Where(api, "where[0][col]=points&where[0][expr]=notBetween&where[0][val][0]=5&where[0][val][1]=10"));
        Assert.Equal(Expected(1, 2), await Where(api, "where[0][col]=email&where[0][expr]=in&where[0][val]=ann@example.com,bob@acme.org"));
        Assert.Equal(Expected(3), await Where(api, "where[0][col]=email&where[0][expr]=notIn&where[0][val][]=ann@example.com&where[0][val][]=bob@acme.org"));
        // As PHP reads the pairs in order, the second [] appends after [1]; grouped by name it would take index 1, which [1] then replaced.
        Assert.Equal(Expected(1, 3, 2), await Where(api, "where[0][col]=email&where[0][expr]=in&where[0][val][]=ann@example.com&where[0][val][1]=bob@acme.org&where[0][val][]=jo@acme.io"));
        Assert.Equal(Expected(4, 3, 2), await Where(api, "where[0][col]=owner_id&where[0][expr]=isNull"));
        Assert.Equal(Expected(1), await Where(api, "where[0][col]=stage&where[0][expr]=isNotNull"));
        Assert.Equal(Expected(4), await Where(api, "where[0][col]=city&where[0][expr]=isEmpty"));
        Assert.Equal(Expected(1, 3, 2), await Where(api, "where[0][col]=city&where[0][expr]=isNotEmpty"));
        Assert.Equal(Expected(3), await Where(api, "where[0][col]=firstname&where[0][expr]=like&where[0][val]=JO%"));
        Assert.Equal(Expected(1, 2), await Where(api, "where[0][col]=firstname&where[0][expr]=notLike&where[0][val]=jo%"));
        Assert.Equal(Expected(3), await Where(api, "where[0][col]=zipcode&where[0][expr]=eq&where[0][val]=75001"));
        Assert.Equal(Expected(4, 1, 3), await Where(api, "where[0][col]=last_active&where[0][expr]=gte&where[0][val]=2026-01-01T02:00:00Z"));
        Assert.Equal(Expected(4), await Where(api, "where[0][col]=is_anonymous&where[0][expr]=eq&where[0][val]=1"));
        Assert.Equal(Expected(3, 2), await Where(api, "where[0][expr]=orX&where[0][val][0][col]=city&where[0][val][0][expr]=eq&where[0][val][0][val]=Berlin"
            + "&where[0][val][1][col]=points&where[0][val][1][expr]=gte&where[0][val][1][val]=20"));
        Assert.Equal(Expected(1), await Where(api, "where[0][expr]=andX&where[0][val][0][col]=city&where[0][val][0][expr]=eq&where[0][val][0][val]=Paris"
            + "&where[0][val][1][col]=points&where[0][val][1][expr]=lt&where[0][val][1][val]=20"));
        Assert.Equal(Expected(1), await Where(api, "search=city:paris&where[0][col]=points&where[0][expr]=lte&where[0][val]=10"));
    }

    [Fact]
    public async Task Where_equality_on_text_ignores_case_as_mautics_collation_does()
    {
        await using var api = await StartAsync();

        Assert.Equal(Expected(1), await Where(api, "where[0][col]=email&where[0][expr]=eq&where[0][val]=ANN@Example.com"));
        Assert.Equal(Expected(3, 2), await Where(api, "where[0][col]=email&where[0][expr]=neq&where[0][val]=Ann@EXAMPLE.com"));
        Assert.Equal(Expected(1, 2), await Where(api, "where[0][col]=email&where[0][expr]=in&where[0][val]=ANN@example.com,Bob@Acme.org"));
        Assert.Equal(Expected(3), await Where(api, "where[0][col]=email&where[0][expr]=notIn&where[0][val]=ANN@example.com,Bob@Acme.org"));
        Assert.Equal(Expected(1, 3), await Where(api, "where[0][col]=city&where[0][expr]=eq&where[0][val]=PARIS"));
        Assert.Equal(Expected(1), await Where(api, "where[0][col]=state&where[0][expr]=in&where[0][val]=ile-de-france"));
    }

    [Fact]
    public async Task Orderings_and_pages_keep_the_total_of_all_matches()
    {
        await using var api = await StartAsync();

        Assert.Equal(Expected(3, 1, 2, 4), Ids(await List(api, "orderBy=points&orderByDir=DESC")));
        Assert.Equal(Expected(4, 2, 1, 3), Ids(await List(api, "orderBy=city")));
        Assert.Equal(Expected(4, 2, 3, 1), Ids(await List(api, "order[0][col]=city&order[0][dir]=asc&order[1][col]=id&order[1][dir]=desc")));
        Assert.Equal(Expected(3, 1, 2, 4), Ids(await List(api, "orderBy=zipcode&orderByDir=desc")));
        var page = await List(api, "start=1&limit=2");
        Assert.Equal("4", (string)page["total"]!);
        Assert.Equal(Expected(1, 3), Ids(page));
        Assert.Equal(Expected(4, 1, 3, 2), Ids(await List(api, "limit=0&published=1&publishedOnly=1")));
        Assert.Empty(Ids(await List(api, "start=10")));
    }

    [Fact]
    public async Task Minimal_lists_only_id_points_color_and_fields()
    {
        await using var api = await StartAsync();

        var contact = (await List(api, "minimal=1&search=ids:1"))["contacts"]!["1"]!.AsObject();

        Assert.Equal(["id", "points", "color", "fields"], contact.Select(p => p.Key));
        Assert.Equal(10, (int)contact["points"]!);
        Assert.Equal("Ann", (string)contact["fields"]!["all"]!["firstname"]!);
    }

    [Theory]
    [InlineData("where[0][col]=shoe_size&where[0][expr]=eq&where[0][val]=1", "shoe_size")]
    [InlineData("where[0][col]=payload&where[0][expr]=isNull", "payload")]
    [InlineData("where[0][col]=points&where[0][expr]=sameAs&where[0][val]=1", "sameAs")]
    [InlineData("where[0][col]=points&where[0][expr]=eq&where[0][val]=many", "many")]
    [InlineData("where[0][col]=points&where[0][expr]=between&where[0][val]=1", "two values")]
    [InlineData("where[0][col]=last_active&where[0][expr]=gt&where[0][val]=soon", "soon")]
    [InlineData("where[0][col]=points&where[0][expr]=in&where[0][val][0][x]=1", "where[0][val][0]")]
    [InlineData("where[0][expr]=orX&where[0][val]=points", "orX")]
    [InlineData("orderBy=shoe_size", "shoe_size")]
    [InlineData("orderBy=points&orderByDir=sideways", "orderByDir")]
    [InlineData("order[0][col]=nope", "nope")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("start=-5", "start")]
    public async Task Parameters_that_cannot_be_honoured_answer_400_naming_the_culprit(string query, string named)
    {
        await using var api = await StartAsync();

        var response = await api.ApiClient().GetAsync("/api/contacts?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal(400, (int)error["code"]!);
        Assert.Contains(named, (string)error["message"]!);
    }

    public static TheoryData<string, string> SearchesPastTheLimits => new()
    {
        { Repeat("a ", 1000), "at most 100 terms" },
        { Repeat("a ", 101), "at most 100 terms" },
        { Repeat("tag:a ", 1000), "at most 100 terms" },
        { Repeat("ip:a ", 1000), "at most 100 terms" },
        { Repeat("name:a ", 1000), "at most 100 terms" },
        { Repeat("% ", 1000), "at most 100 terms" },
        { "a" + Repeat(" OR a", 1000), "at most 100 terms" },
        { Repeat("!(", 500), "at most 16 parentheses" },
        { Repeat("(a ", 1000), "at most 100 terms" },
        { Repeat("(", 17) + "a", "at most 16 parentheses" },
        { Repeat("!(", 20000), "at most 16 parentheses" },
    };

    [Theory]
    [MemberData(nameof(SearchesPastTheLimits))]
    public async Task A_search_with_too_many_terms_or_groups_is_a_400_before_any_sql_and_the_list_still_answers(string search, string message)
    {
        await using var api = await StartAsync();

        var response = await api.ApiClient().GetAsync("/api/contacts?search=" + Uri.EscapeDataString(search));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.StartsWith("search: " + message, (string)error["message"]!);
        Assert.Equal(Expected(1, 3), await Search(api, "city:paris"));
    }

    [Fact]
    public async Task A_search_at_both_limits_runs_on_the_database()
    {
        await using var api = await StartAsync();
        // The deepest SQL the limits allow: 16 negated groups each with an OR, and negated bare terms (an OR of 14
        // LIKEs each) and payload lookups making up the 100 terms. The innermost group is Ann; each negation flips it.
        var search = Repeat("!(zzz OR ", 16) + Repeat("!zzz !tag:zzz ", 41) + "!zzz ann" + Repeat(")", 16);

        Assert.Equal(Expected(1), await Search(api, search));
        Assert.Equal(Expected(4, 1, 3, 2), await Search(api, Repeat("(", 16) + "!zzz" + Repeat(" !zzz", 99)));
    }

    [Fact]
    public async Task Sql_in_any_parameter_is_only_ever_a_value_and_the_table_survives()
    {
        await using var api = await StartAsync();
        string[] injections = ["'; DROP TABLE contacts; --", "%' OR 1=1 --", "\" OR \"\"=\"", "1) OR (1=1"];

        foreach (var sql in injections)
        {
            Assert.Empty(await Search(api, sql));
            Assert.Empty(await Search(api, "name:" + sql));
            Assert.Empty(await Search(api, "tag:" + sql));
            Assert.Empty(await Search(api, "zipcode:" + sql));
            Assert.Empty(await Where(api, $"where[0][col]=email&where[0][expr]=eq&where[0][val]={Uri.EscapeDataString(sql)}"));
            Assert.Empty(await Where(api, $"where[0][col]=zipcode&where[0][expr]=in&where[0][val]={Uri.EscapeDataString(sql)}"));
            Assert.Equal(HttpStatusCode.BadRequest, await Status(api, $"where[0][col]={Uri.EscapeDataString("email " + sql)}&where[0][expr]=eq&where[0][val]=x"));
            Assert.Equal(HttpStatusCode.BadRequest, await Status(api, $"orderBy={Uri.EscapeDataString("id; " + sql)}"));
            Assert.Equal(HttpStatusCode.BadRequest, await Status(api, $"order[0][col]=id&order[0][dir]={Uri.EscapeDataString(sql)}"));
            Assert.Equal(HttpStatusCode.BadRequest, await Status(api, $"where[0][col]=points&where[0][expr]=eq&where[0][val]={Uri.EscapeDataString(sql)}"));
        }

        Assert.Equal("4", (string)(await List(api, ""))["total"]!);
        await Edit(api, 6, new() { At = T, Fields = Values(("firstname", "Eve")) });
        Assert.Equal(Expected(6), await Search(api, "name:eve"));
    }

    static async Task<long> NewUserAsync(ApiFactory api)
    {
        var response = await api.ApiClient().PostAsync("/api/users/new", new StringContent(
            """{"username":"owner","email":"owner@example.com","firstName":"Olive","lastName":"Owner","password":"owner-password"}""",
            System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (long)JsonNode.Parse(body)!["user"]!["id"]!;
    }

    static async Task Edit(ApiFactory api, long id, ContactEdit edit) => Assert.True(await api.Grains.GetContact(id).Apply(edit));

    static async Task Hit(ApiFactory api, long id, DateTimeOffset at, string? ip = null, string[]? tags = null) =>
        Assert.Equal(HitOutcome.Recorded, await api.Grains.GetContact(id).RecordHit(new PageHit { At = at, Url = "https://shop.example/", Ip = ip, Tags = tags ?? [] }));

    static Dictionary<string, string?> Values(params (string Alias, string Value)[] values) => values.ToDictionary(v => v.Alias, v => (string?)v.Value);

    static async Task<long[]> Search(ApiFactory api, string search) => Ids(await List(api, "search=" + Uri.EscapeDataString(search)));

    static async Task<long[]> Where(ApiFactory api, string query) => Ids(await List(api, query));

    static async Task<HttpStatusCode> Status(ApiFactory api, string query) => (await api.ApiClient().GetAsync("/api/contacts?" + query)).StatusCode;

    static async Task<JsonNode> List(ApiFactory api, string query)
    {
        var response = await api.ApiClient().GetAsync("/api/contacts?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    // An array, not a collection expression: Assert.Equal would take that as a span, which cannot cross an await.
    static long[] Expected(params long[] ids) => ids;

    static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    static long[] Ids(JsonNode list) => list["contacts"]!.AsObject().Select(p => long.Parse(p.Key)).ToArray();
}

public sealed class SqliteContactListTests() : ContactListTests(TestStore.Sqlite);

public sealed class PostgreSqlContactListTests() : ContactListTests(TestStore.PostgreSql);
