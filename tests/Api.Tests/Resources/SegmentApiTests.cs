using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Segments;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>/api/segments, manual membership and the segment: search through the real pipeline on a real store.</summary>
public abstract class SegmentApiTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_segment_is_created_with_an_alias_from_its_name_and_its_filters_as_given()
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Post, "/api/segments/new",
            """{"name":"Segment A","description":"First","isPublished":1,"filters":[{"glue":"and","field":"city","type":"text","filter":"Prague","operator":"="}]}""");
        var second = await Create(api, "/api/segments/new", "list", """{"name":"Segment A"}""");
        var list = await Get(api, "/api/segments");

        Assert.Equal(HttpStatusCode.Created, status);
        var segment = body["list"]!;
        Assert.Equal("segment-a", (string)segment["alias"]!);
        Assert.Equal("Prague", (string)segment["filters"]![0]!["filter"]!);
        Assert.True((bool)segment["isPublished"]!);
        Assert.True((bool)segment["isGlobal"]!);
        Assert.Equal("segment-a1", (string)second["alias"]!);
        Assert.Equal(2, (int)list["total"]!);
        Assert.Equal("Segment A", (string)list["lists"]![segment["id"]!.ToString()]!["name"]!);
        Assert.Equal("First", (string)(await Get(api, $"/api/segments/{segment["id"]}"))["list"]!["description"]!);
        Assert.Equal(2, (int)(await Get(api, "/api/segments?search=%22Segment%20A%22"))["total"]!);
        Assert.Equal(2, (int)(await Get(api, "/api/segments?search=a%20segment"))["total"]!);
        Assert.Equal(0, (int)(await Get(api, "/api/segments?search=%22First%20Segment%22"))["total"]!);
        // A phrase is found within the name or the alias, never across the two.
        Assert.Equal(0, (int)(await Get(api, "/api/segments?search=%22A%20segment%22"))["total"]!);
    }

    [Fact]
    public async Task Edit_and_delete_follow_mautics_put_and_patch_rules()
    {
        await using var api = new ApiFactory(store());
        var id = (long)(await Create(api, "/api/segments/new", "list", """{"name":"Old","description":"kept"}"""))["id"]!;

        var (patched, patch) = await Send(api, HttpMethod.Patch, $"/api/segments/{id}/edit", """{"name":"New","isPublished":false}""");
        var (put, replaced) = await Send(api, HttpMethod.Put, $"/api/segments/{id}/edit", """{"name":"Whole"}""");
        var (created, _) = await Send(api, HttpMethod.Put, "/api/segments/999/edit", """{"name":"From put"}""");
        var (missing, _) = await Send(api, HttpMethod.Patch, "/api/segments/998/edit", """{"name":"x"}""");
        var (deleted, gone) = await Send(api, HttpMethod.Delete, $"/api/segments/{id}/delete");
        var (after, _) = await Send(api, HttpMethod.Get, $"/api/segments/{id}");

        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal("kept", (string)patch["list"]!["description"]!);
        Assert.False((bool)patch["list"]!["isPublished"]!);
        Assert.Equal("old", (string)patch["list"]!["alias"]!);
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.Null(replaced["list"]!["description"]);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal("Whole", (string)gone["list"]!["name"]!);
        Assert.Equal(HttpStatusCode.NotFound, after);
    }

    [Fact]
    public async Task Contacts_join_and_leave_a_segment_and_search_finds_them_by_alias_or_id()
    {
        await using var api = new ApiFactory(store());
        var segment = await Create(api, "/api/segments/new", "list", """{"name":"Newsletter"}""");
        var id = (long)segment["id"]!;
        var ann = await CreateContact(api, """{"email":"ann@example.com"}""");
        var bob = await CreateContact(api, """{"email":"bob@example.com"}""");

        var (added, success) = await Send(api, HttpMethod.Post, $"/api/segments/{id}/contact/{ann}/add");
        var (batch, details) = await Send(api, HttpMethod.Post, $"/api/segments/{id}/contacts/add", $$"""{"ids":[{{bob}},424242]}""");

        Assert.Equal(HttpStatusCode.OK, added);
        Assert.Equal("""{"success":1}""", success.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, batch);
        Assert.Equal(1, (int)details["success"]!);
        Assert.True((bool)details["details"]![bob.ToString()]!["success"]!);
        Assert.False((bool)details["details"]!["424242"]!["success"]!);
        Assert.Equal([ann, bob], await Search(api, "segment:newsletter"));
        Assert.Equal([ann, bob], await Search(api, $"segment:{id}"));
        Assert.Empty(await Search(api, "segment:news"));
        var memberships = await Get(api, $"/api/contacts/{ann}/segments");
        Assert.Equal(1, (int)memberships["total"]!);
        Assert.Equal("newsletter", (string)memberships["lists"]![id.ToString()]!["alias"]!);
        Assert.Equal("Newsletter", (string)(await Get(api, "/api/contacts/list/segments"))[id.ToString()]!["name"]!);

        var (removed, left) = await Send(api, HttpMethod.Post, $"/api/segments/{id}/contact/{ann}/remove");

        Assert.Equal(HttpStatusCode.OK, removed);
        Assert.Equal("""{"success":1}""", left.ToJsonString());
        Assert.Equal([bob], await Search(api, "segment:newsletter"));
        Assert.Equal([ann], await Search(api, "!segment:newsletter"));
        Assert.Contains(await api.Grains.GetContact(ann).Timeline(), e => e.Type == "segment_membership" && e.Details["action"] == "removed");
    }

    [Fact]
    public async Task A_new_alias_is_never_digits_alone_and_segment_of_a_number_names_that_id_alone()
    {
        await using var api = new ApiFactory(store());
        var made = await Create(api, "/api/segments/new", "list", """{"name":"日本語2"}""");
        var (given, refusal) = await Send(api, HttpMethod.Post, "/api/segments/new", """{"name":"Two","alias":"2"}""");
        var (renamed, _) = await Send(api, HttpMethod.Patch, $"/api/segments/{made["id"]}/edit", """{"alias":"007"}""");
        // Segments an older build gave aliases of digits alone: "1" beside segment 1, and "99" with no segment 99.
        var older = await api.Grains.GetGrain<IEntityCatalogGrain<Segment>>(Segment.CatalogKey).Ensure(
            [new Segment(0, "One", "1", null, true, true, "[]", DateTimeOffset.UtcNow, null), new Segment(0, "Ninety-nine", "99", null, true, true, "[]", DateTimeOffset.UtcNow, null)]);
        var first = (long)made["id"]!;
        var (aliasedOne, aliasedNinetyNine) = (older.Single(s => s.Alias == "1").Id, older.Single(s => s.Alias == "99").Id);
        var ann = await CreateContact(api, """{"email":"ann@example.com"}""");
        var bob = await CreateContact(api, """{"email":"bob@example.com"}""");
        var cy = await CreateContact(api, """{"email":"cy@example.com"}""");
        await Send(api, HttpMethod.Post, $"/api/segments/{first}/contact/{ann}/add");
        await Send(api, HttpMethod.Post, $"/api/segments/{aliasedOne}/contact/{bob}/add");
        await Send(api, HttpMethod.Post, $"/api/segments/{aliasedNinetyNine}/contact/{cy}/add");

        Assert.Equal(1, first);
        Assert.Equal("segment-2", (string)made["alias"]!);
        Assert.Equal(HttpStatusCode.BadRequest, given);
        Assert.Equal("alias: An alias needs a letter: segment:2 names the segment whose id is 2.", Message(refusal));
        Assert.Equal(HttpStatusCode.BadRequest, renamed);
        Assert.Equal([ann], await Search(api, "segment:1"));
        Assert.Equal([bob], await Search(api, $"segment:{aliasedOne}"));
        Assert.Equal([cy], await Search(api, "segment:99"));
    }

    [Fact]
    public async Task A_merge_keeps_the_losers_memberships_and_deleting_a_segment_empties_it()
    {
        await using var api = new ApiFactory(store());
        var segment = (long)(await Create(api, "/api/segments/new", "list", """{"name":"Buyers"}"""))["id"]!;
        var winner = await CreateContact(api, """{"email":"winner@example.com"}""");
        var loser = await CreateContact(api, """{"email":"loser@example.com"}""");
        await Send(api, HttpMethod.Post, $"/api/segments/{segment}/contact/{loser}/add");

        await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}");

        Assert.Equal([winner], await Search(api, "segment:buyers"));
        Assert.Equal(1, (int)(await Get(api, $"/api/contacts/{loser}/segments"))["total"]!);

        await Send(api, HttpMethod.Delete, $"/api/segments/{segment}/delete");

        Assert.Empty((await api.Grains.GetContact(winner).Get())!.Segments);
    }

    [Fact]
    public async Task Unknown_segments_and_contacts_answer_404()
    {
        await using var api = new ApiFactory(store());
        var segment = (long)(await Create(api, "/api/segments/new", "list", """{"name":"Known"}"""))["id"]!;
        var contact = await CreateContact(api, """{"email":"known@example.com"}""");

        Assert.Equal(HttpStatusCode.NotFound, (await Send(api, HttpMethod.Get, "/api/segments/77")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(api, HttpMethod.Get, "/api/segments/abc")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(api, HttpMethod.Delete, "/api/segments/77/delete")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(api, HttpMethod.Post, $"/api/segments/77/contact/{contact}/add")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(api, HttpMethod.Post, $"/api/segments/{segment}/contact/9999/add")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(api, HttpMethod.Get, "/api/contacts/9999/segments")).Status);
    }

    [Theory]
    [InlineData("{\"name\":", "not valid JSON")]
    [InlineData("\"Segment\"", "must be a JSON object")]
    [InlineData("{\"description\":\"no name\"}", "name: A value is required.")]
    [InlineData("{\"name\":{\"a\":1}}", "name: Must be a string.")]
    [InlineData("{\"name\":\"x\",\"filters\":\"city=Prague\"}", "filters: Must be an array.")]
    [InlineData("{\"name\":\"x\",\"isGlobal\":\"sometimes\"}", "isGlobal: Must be true or false.")]
    [InlineData("{\"name\":\"x\",\"colour\":\"red\"}", "colour: This is not a member of this resource.")]
    [InlineData("{\"name\":\"x\",\"alias\":\"!!!\"}", "alias: An alias needs a letter or a digit.")]
    public async Task A_bad_segment_body_answers_400_and_stores_nothing(string json, string message)
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Post, "/api/segments/new", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, Message(body));
        Assert.Equal(0, (int)(await Get(api, "/api/segments"))["total"]!);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(62)]
    [InlineData(63)]
    public async Task Filters_nested_past_the_limit_are_a_400_on_create_and_edit_and_the_segments_still_read(int depth)
    {
        await using var api = new ApiFactory(store());
        var id = (long)(await Create(api, "/api/segments/new", "list", """{"name":"Kept","filters":[[[[[[[[]]]]]]]]}"""))["id"]!;
        var deep = new string('[', depth) + new string(']', depth);

        var (created, error) = await Send(api, HttpMethod.Post, "/api/segments/new", $$"""{"name":"Deep","filters":{{deep}}}""");
        var (edited, _) = await Send(api, HttpMethod.Patch, $"/api/segments/{id}/edit", $$"""{"filters":{{deep}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, created);
        Assert.Equal("filters: At most 8 levels of arrays and objects.", Message(error));
        Assert.Equal(HttpStatusCode.BadRequest, edited);
        var list = await Get(api, "/api/segments");
        Assert.Equal(1, (int)list["total"]!);
        Assert.Equal("[[[[[[[[]]]]]]]]", list["lists"]![id.ToString()]!["filters"]!.ToJsonString());
        Assert.Equal("[[[[[[[[]]]]]]]]", (await Get(api, $"/api/segments/{id}"))["list"]!["filters"]!.ToJsonString());
    }

    [Theory]
    [InlineData(null, 100)]
    [InlineData("3", 3)]
    public async Task More_filters_than_Segments_MaxFilters_are_a_400_on_create_and_edit(string? setting, int limit)
    {
        await using var api = new ApiFactory(store(), setting is null ? null : new Dictionary<string, string?> { ["Segments:MaxFilters"] = setting });
        string Filters(int count) => new JsonArray(Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
            { ["glue"] = "or", ["field"] = "city", ["type"] = "text", ["filter"] = $"City {i}", ["operator"] = "=" }).ToArray()).ToJsonString();
        var id = (long)(await Create(api, "/api/segments/new", "list", $$"""{"name":"Full","filters":{{Filters(limit)}}}"""))["id"]!;

        var (created, error) = await Send(api, HttpMethod.Post, "/api/segments/new", $$"""{"name":"Over","filters":{{Filters(limit + 1)}}}""");
        var (edited, _) = await Send(api, HttpMethod.Patch, $"/api/segments/{id}/edit", $$"""{"filters":{{Filters(limit + 1)}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, created);
        Assert.Equal($"filters: At most {limit} entries; these are {limit + 1}.", Message(error));
        Assert.Equal(HttpStatusCode.BadRequest, edited);
        Assert.Equal(1, (int)(await Get(api, "/api/segments"))["total"]!);
        Assert.Equal(limit, (await Get(api, $"/api/segments/{id}"))["list"]!["filters"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_over_long_name_is_400_a_taken_alias_422_and_a_bad_batch_400()
    {
        await using var api = new ApiFactory(store());
        var id = (long)(await Create(api, "/api/segments/new", "list", """{"name":"Taken","alias":"taken"}"""))["id"]!;

        var (longName, _) = await Send(api, HttpMethod.Post, "/api/segments/new", $$"""{"name":"{{new string('n', 192)}}"}""");
        var (taken, error) = await Send(api, HttpMethod.Post, "/api/segments/new", """{"name":"Other","alias":"TAKEN"}""");
        var (badBatch, _) = await Send(api, HttpMethod.Post, $"/api/segments/{id}/contacts/add", """{"ids":"1,2"}""");
        var (bigBatch, big) = await Send(api, HttpMethod.Post, $"/api/segments/{id}/contacts/add", "{\"ids\":[" + string.Join(",", Enumerable.Range(1, 201)) + "]}");

        Assert.Equal(HttpStatusCode.BadRequest, longName);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken);
        Assert.Equal("alias: This value is already used.", Message(error));
        Assert.Equal(HttpStatusCode.BadRequest, badBatch);
        Assert.Equal(HttpStatusCode.BadRequest, bigBatch);
        Assert.Equal("A max of 200 entities are supported at a time.", Message(big));
    }
}

public sealed class SqliteSegmentApiTests() : SegmentApiTests(TestStore.Sqlite);

public sealed class PostgreSqlSegmentApiTests() : SegmentApiTests(TestStore.PostgreSql);
