using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;

namespace Actors.Api.Tests.Contacts;

/// <summary>Creating and editing contacts through /api with the real pipeline, the embedded silo and a real store.</summary>
public abstract class ContactWriteTests(Func<TestStore> store)
{
    internal const string NotAnAddress = "is not an IP address spelled as tracking takes one (such as 203.0.113.9 or 2001:db8::1).";

    [Fact]
    public async Task Create_answers_201_with_the_location_and_the_contact()
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new",
            """{"firstname":"Jim","email":"jim@example.com","tags":["a","b"],"points":7,"ipAddress":"203.0.113.9","lastActive":"2026-11-01 10:00:00"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (long)body["contact"]!["id"]!;
        Assert.Equal($"http://localhost/api/contacts/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("Jim", (string)body["contact"]!["fields"]!["all"]!["firstname"]!);
        Assert.Equal(7, (int)body["contact"]!["points"]!);
        Assert.Equal(["a", "b"], body["contact"]!["tags"]!.AsArray().Select(t => (string)t!["tag"]!));
        Assert.Contains(await api.Grains.GetContact(id).Timeline(), e => e.Type == "point.gained");
        Assert.NotNull(body["contact"]!["ipAddresses"]!["203.0.113.9"]);
        Assert.Equal("2026-11-01T10:00:00+00:00", (string)body["contact"]!["lastActive"]!);
    }

    [Fact]
    public async Task The_location_of_a_created_contact_is_absolute_in_the_scheme_a_trusted_proxy_forwards_and_only_then()
    {
        await using var proxied = new ApiFactory(store(), new Dictionary<string, string?> { ["Tracking:TrustedProxies:0"] = "127.0.0.1" });
        await using var direct = new ApiFactory(store());

        var behindTls = await CreatedLocation(proxied, "https", "tls@example.com", "api.example.com");
        var putBehindTls = await CreatedLocation(proxied, "https", "put@example.com", "api.example.com", HttpMethod.Put, "/api/contacts/777/edit");
        var spoofed = await CreatedLocation(direct, "https", "spoof@example.com", "api.example.com");

        Assert.Matches("^https://api\\.example\\.com/api/contacts/[0-9]+$", behindTls);
        Assert.Matches("^https://api\\.example\\.com/api/contacts/[0-9]+$", putBehindTls);
        Assert.Matches("^http://api\\.example\\.com/api/contacts/[0-9]+$", spoofed);
    }

    static async Task<string> CreatedLocation(ApiFactory api, string scheme, string email, string host, HttpMethod? method = null, string url = "/api/contacts/new")
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, url) { Content = new StringContent($$"""{"email":"{{email}}"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Forwarded-Proto", scheme);
        request.Headers.Host = host;
        var response = await api.ApiClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task Creating_again_with_the_same_email_in_another_case_updates_the_same_contact()
    {
        await using var api = new ApiFactory(store());
        var (_, first) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"jim@example.com"}""");

        var (response, second) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":" JIM@Example.com ","lastname":"Beam"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((long)first["contact"]!["id"]!, (long)second["contact"]!["id"]!);
        Assert.Equal("Beam", (string)second["contact"]!["fields"]!["all"]!["lastname"]!);
    }

    [Fact]
    public async Task Twenty_concurrent_creates_with_one_new_email_make_one_contact()
    {
        await using var api = new ApiFactory(store());

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"race@example.com","city":"c{{i}}"}""")));

        Assert.Single(replies.Select(r => (long)r.Body["contact"]!["id"]!).Distinct());
        Assert.Single(replies, r => r.Response.StatusCode == HttpStatusCode.Created);
        Assert.All(replies, r => Assert.True(r.Response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK));
    }

    [Fact]
    public async Task Put_creates_a_missing_contact_and_patch_answers_404()
    {
        await using var api = new ApiFactory(store());

        var (put, created) = await Send(api, HttpMethod.Put, "/api/contacts/9999/edit", """{"email":"put@example.com"}""");
        var (patch, error) = await Send(api, HttpMethod.Patch, "/api/contacts/9998/edit", """{"email":"patch@example.com"}""");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("put@example.com", (string)created["contact"]!["fields"]!["all"]!["email"]!);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal(404, (int)error["errors"]![0]!["code"]!);
    }

    [Fact]
    public async Task An_empty_patch_answers_the_contact_unchanged_and_a_missing_or_non_json_body_is_a_400()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"empty@example.com","firstname":"Ann","tags":["vip"],"points":3}""");
        var (_, before) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}", "");
        var (_, timeline) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}/activity", "");
        await Task.Delay(1100);

        var (response, patched) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", "{}");
        var (missing, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", "");
        var (notJson, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", "firstname");
        var (batch, batched) = await Send(api, HttpMethod.Patch, "/api/contacts/batch/edit", $$"""[{"id":{{id}}}]""");
        var (_, after) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}", "");
        var (_, timelineAfter) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}/activity", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(before["contact"], patched["contact"]), patched.ToJsonString());
        Assert.True(JsonNode.DeepEquals(before["contact"], after["contact"]), after.ToJsonString());
        Assert.Equal((int)timeline["total"]!, (int)timelineAfter["total"]!);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.True(JsonNode.DeepEquals(before["contact"], batched["contacts"]![0]), batched.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task Blanks_clear_fields_only_with_overwrite_with_blank_and_a_zero_is_applied()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"blank@example.com","firstname":"Jim","city":"Oslo","points":5}""");

        var (_, patched) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", """{"firstname":"","points":0}""");
        var (_, cleared) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", """{"firstname":"","overwriteWithBlank":true}""");
        var (_, put) = await Send(api, HttpMethod.Put, $"/api/contacts/{id}/edit", """{"city":""}""");

        Assert.Equal("Jim", (string)patched["contact"]!["fields"]!["all"]!["firstname"]!);
        Assert.Equal(0, (int)patched["contact"]!["points"]!);
        Assert.Null(cleared["contact"]!["fields"]!["all"]!["firstname"]);
        Assert.Null(put["contact"]!["fields"]!["all"]!["city"]);
    }

    [Fact]
    public async Task Put_replaces_the_contacts_fields_clearing_those_it_leaves_out_and_freeing_their_unique_values()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"replace@example.com","firstname":"Keep","city":"Paris","phone":"123","points":7,"tags":["vip"]}""");

        var (response, put) = await Send(api, HttpMethod.Put, $"/api/contacts/{id}/edit", """{"lastname":"Only"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var all = put["contact"]!["fields"]!["all"]!;
        Assert.Equal("Only", (string?)all["lastname"]);
        Assert.All(new[] { "email", "firstname", "city", "phone" }, alias => Assert.Null(all[alias]));
        // Members rather than fields: PUT sets them only when it names them.
        Assert.Equal(7, (int)put["contact"]!["points"]!);
        Assert.Equal("vip", (string?)put["contact"]!["tags"]![0]!["tag"]);
        var (reused, other) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"replace@example.com"}""");
        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
        Assert.NotEqual(id, (long)other["contact"]!["id"]!);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("0")]
    public async Task Put_to_an_address_no_contact_can_have_answers_404_and_creates_nothing(string id)
    {
        await using var api = new ApiFactory(store());

        var (response, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{id}/edit", """{"email":"nowhere@example.com"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("0", (string?)JsonNode.Parse(await api.ApiClient().GetStringAsync("/api/contacts?search=email:nowhere@example.com"))!["total"]);
    }

    [Fact]
    public async Task Tags_are_added_and_removed_with_a_leading_minus()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"tags@example.com","tags":"one, two"}""");

        var (_, body) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", """{"tags":["-one","three"]}""");

        Assert.Equal(["three", "two"], body["contact"]!["tags"]!.AsArray().Select(t => (string)t!["tag"]!));
    }

    [Fact]
    public async Task Editing_a_contact_to_another_contacts_email_answers_422()
    {
        await using var api = new ApiFactory(store());
        await Create(api, """{"email":"taken@example.com"}""");
        var id = await Create(api, """{"email":"mine@example.com"}""");

        var (response, body) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", """{"email":"Taken@example.com"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("email: This field must be unique.", (string)body["errors"]![0]!["message"]!);
        Assert.Equal("mine@example.com", (await api.Grains.GetContact(id).Get())!.Fields["email"]);
    }

    [Fact]
    public async Task A_merged_away_id_edits_its_winner()
    {
        await using var api = new ApiFactory(store());
        var winner = await Create(api, """{"email":"winner@example.com"}""");
        var loser = await Create(api, """{"email":"loser@example.com"}""");
        await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}", "");

        var (response, body) = await Send(api, HttpMethod.Patch, $"/api/contacts/{loser}/edit", """{"city":"Bergen"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(winner, (long)body["contact"]!["id"]!);
        Assert.Equal("Bergen", (await api.Grains.GetContact(winner).Get())!.Fields["city"]);
    }

    [Theory]
    [InlineData("{\"email\":", "The request body is not valid JSON.")]
    [InlineData("[1,2]", "The request body must be a JSON object of contact fields.")]
    [InlineData("{\"email\":\"not-an-email\"}", "email: A valid email is required.")]
    [InlineData("{\"nosuchfield\":\"x\",\"email\":\"a@example.com\"}", "Unknown contact fields: nosuchfield.")]
    [InlineData("{\"attribution\":\"abc\"}", "attribution: must be a number.")]
    [InlineData("{\"points\":\"x\"}", "points: must be a whole number.")]
    [InlineData("{\"ipAddress\":\"999.1\"}", "ipAddress: '999.1' " + NotAnAddress)]
    [InlineData("{\"lastActive\":\"soon\"}", "lastActive: must be a date such as 2026-11-23 14:00:00.")]
    [InlineData("{\"tags\":{\"a\":1}}", "tags: must be an array of tags or a comma-separated string.")]
    [InlineData("{\"doNotContact\":[{\"reason\":-1}]}", "doNotContact: Invalid reason code given")]
    [InlineData("{\"doNotContact\":[{\"reason\":32768}]}", "doNotContact: Invalid reason code given")]
    [InlineData("{\"doNotContact\":[{\"channel\":[\"a\"],\"reason\":3}]}", "doNotContact: " + DoNotContactEntry.InvalidChannel)]
    [InlineData("{\"doNotContact\":[{\"channel\":\"@x\",\"reason\":1}]}", "doNotContact: " + DoNotContactEntry.InvalidChannel)]
    [InlineData("{\"doNotContact\":[{\"channel\":\"e mail\",\"reason\":0}]}", "doNotContact: " + DoNotContactEntry.InvalidChannel)]
    [InlineData("{\"email\":\"a@example.com\",\"EMAIL\":\"b@example.com\"}", "The body names email more than once (email, EMAIL).")]
    [InlineData("{\"email\":\"a@example.com\",\"POINTS\":\"abc\"}", "points: must be a whole number.")]
    [InlineData("{\"email\":\"zw\\u200b@example.com\"}", "email: A valid email is required.")]
    [InlineData("{\"email\":\"rl\\u200fm@example.com\"}", "email: A valid email is required.")]
    [InlineData("{\"email\":\"so\\u00adft@example.com\"}", "email: A valid email is required.")]
    public async Task A_bad_body_answers_400_with_the_error_body(string json, string message)
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (string)body["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task An_over_long_value_answers_400()
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"city":"{{new string('x', 256)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("city: is longer than 255 characters.", (string)body["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task An_oversized_body_answers_413_with_the_error_body()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Contacts:MaxBodyLength"] = "1000" });

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"city":"{{new string('x', 2000)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (int)body["errors"]![0]!["code"]!);
    }

    [Fact]
    public async Task Do_not_contact_entries_in_the_body_default_to_email_and_manual()
    {
        await using var api = new ApiFactory(store());

        var (_, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"dnc@example.com","doNotContact":[{"comments":"asked"}]}""");

        var entry = body["contact"]!["doNotContact"]![0]!;
        Assert.Equal("email", (string)entry["channel"]!);
        Assert.Equal(3, (int)entry["reason"]!);
    }

    [Fact]
    public async Task A_contacts_fields_all_sent_back_as_a_body_writes_with_its_id_ignored()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"back@example.com","firstname":"Ann"}""");
        var (_, read) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}", "");
        var all = (JsonObject)read["contact"]!["fields"]!["all"]!;
        Assert.Equal(id, (long)all["id"]!);
        all["city"] = "Oslo";

        var (put, replaced) = await Send(api, HttpMethod.Put, $"/api/contacts/{id}/edit", all.ToJsonString());
        var (patch, patched) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", $$"""{"id":{{id + 1000}},"city":"Bergen"}""");
        var (created, made) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"id":{{id}},"email":"other@example.com"}""");
        var (batch, items) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new", $$"""[{"id":{{id}},"email":"third@example.com"}]""");
        var (unknown, refused) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"id":1,"nosuchfield":"x"}""");

        Assert.Equal((HttpStatusCode.OK, id, "Oslo"), (put.StatusCode, (long)replaced["contact"]!["id"]!, (string?)replaced["contact"]!["fields"]!["all"]!["city"]));
        Assert.Equal((HttpStatusCode.OK, id, "Bergen"), (patch.StatusCode, (long)patched["contact"]!["id"]!, (string?)patched["contact"]!["fields"]!["all"]!["city"]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotEqual(id, (long)made["contact"]!["id"]!);
        Assert.Equal(201, (int)items["statusCodes"]![0]!);
        Assert.Equal("third@example.com", (string?)items["contacts"]![0]!["fields"]!["all"]!["email"]);
        Assert.Equal((HttpStatusCode.BadRequest, "Unknown contact fields: nosuchfield."), (unknown.StatusCode, (string?)refused["errors"]![0]!["message"]));
        Assert.Equal("back@example.com", (await api.Grains.GetContact(id).Get())!.Fields["email"]);
    }

    [Fact]
    public async Task A_patch_of_the_id_alone_answers_the_contact_and_writes_nothing()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"still@example.com"}""");
        var before = await api.Grains.GetContact(id).Timeline();

        var (response, body) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", $$"""{"id":{{id}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (long)body["contact"]!["id"]!);
        Assert.Equal(before.Count, (await api.Grains.GetContact(id).Timeline()).Count);
    }

    internal static async Task<long> Create(ApiFactory api, string json)
    {
        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)body["contact"]!["id"]!;
    }

    internal static async Task<(HttpResponseMessage Response, JsonNode Body)> Send(ApiFactory api, HttpMethod method, string url, string json)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var response = await api.ApiClient().SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}

public sealed class SqliteContactWriteTests() : ContactWriteTests(TestStore.Sqlite);

public sealed class PostgreSqlContactWriteTests() : ContactWriteTests(TestStore.PostgreSql);
