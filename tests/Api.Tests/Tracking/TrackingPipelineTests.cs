using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Api.Fields;
using Actors.Api.Tests.Infrastructure;
using Actors.Api.Tracking;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Tracking;

/// <summary>The tracking protocol through the real HTTP pipeline, the embedded silo and a real store.</summary>
public abstract class TrackingPipelineTests(Func<TestStore> store)
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

    protected async Task<ApiFactory> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool emailIsPublic = true)
    {
        var factory = new ApiFactory(store(), settings);
        if (emailIsPublic)
            await MakePubliclyUpdatable(factory, "email", "firstname");
        return factory;
    }

    [Fact]
    public async Task The_pixel_answers_mautics_exact_gif_with_its_caching_headers_and_the_tracking_cookies()
    {
        await using var api = await StartAsync();

        var response = await Send(api.Visitor(), "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2Fpricing&page_title=Pricing");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TrackingPixel.Gif, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(43, response.Content.Headers.ContentLength);
        Assert.Equal("image/gif", response.Content.Headers.ContentType!.MediaType);
        var cacheControl = string.Join(",", response.Headers.NonValidated["Cache-Control"]);
        Assert.Equal("private, no-cache, no-cache=Set-Cookie, proxy-revalidate", cacheControl);
        Assert.Equal("Wed, 11 Jan 2000 12:59:00 GMT", string.Join(",", response.Content.Headers.NonValidated["Expires"]));
        Assert.Equal("no-cache", string.Join(",", response.Headers.NonValidated["Pragma"]));
        var cookies = response.Headers.GetValues("Set-Cookie").ToArray();
        Assert.Contains(cookies, c => c.StartsWith("mautic_device_id=") && c.Contains("samesite=none", StringComparison.OrdinalIgnoreCase) && c.Contains("secure") && c.Contains("max-age=31536000"));
        Assert.Contains(cookies, c => c.StartsWith("mtc_id=") && !c.Contains("max-age") && !c.Contains("expires"));
    }

    [Fact]
    public async Task The_event_call_answers_mautics_json_and_the_hit_lands_on_the_contact_timeline()
    {
        await using var api = await StartAsync();

        var reply = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/pricing?utm_source=newsletter&utm_campaign=fall", ["page_title"] = "Pricing", ["page_language"] = "de-DE" });

        Assert.Equal(1, (int)reply["success"]!);
        var id = (long)reply["id"]!;
        Assert.Equal((string)reply["sid"]!, (string)reply["device_id"]!);
        Assert.Equal(23, ((string)reply["device_id"]!).Length);
        Assert.Empty(reply["events"]!.AsArray());
        var hit = Assert.Single(await api.Grains.GetContact(id).Timeline(), e => e.Type == "page.hit");
        Assert.Equal("https://shop.example/pricing?utm_source=newsletter&utm_campaign=fall", hit.Details["url"]);
        Assert.Equal("Pricing", hit.Details["urlTitle"]);
        Assert.Equal("de-DE", hit.Details["language"]);
        Assert.Equal(Browser, hit.Details["userAgent"]);
        Assert.Contains("\"utm_source\":\"newsletter\"", hit.Details["query"]);
        var contact = await Contact(api, id);
        var utm = Assert.Single(contact["utmtags"]!.AsArray())!;
        Assert.Equal("newsletter", (string)utm["utmSource"]!);
        Assert.Equal("fall", (string)utm["utmCampaign"]!);
    }

    [Fact]
    public async Task A_returning_device_keeps_its_contact()
    {
        await using var api = await StartAsync();
        var visitor = api.Visitor();

        var first = await Event(visitor, new() { ["page_url"] = "https://shop.example/" });
        var second = await Event(visitor, new() { ["page_url"] = "https://shop.example/cart" });
        var pixel = await Send(visitor, "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2Fdone");

        Assert.Equal((long)first["id"]!, (long)second["id"]!);
        Assert.Equal((string)first["device_id"]!, (string)second["device_id"]!);
        Assert.Equal(HttpStatusCode.OK, pixel.StatusCode);
        Assert.Equal(3, (await api.Grains.GetContact((long)first["id"]!).Timeline()).Count(e => e.Type == "page.hit"));
    }

    [Fact]
    public async Task A_device_id_sent_as_a_parameter_is_used_when_there_is_no_cookie()
    {
        await using var api = await StartAsync();
        var first = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/" });

        var fromAnotherBrowserContext = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/2", ["mautic_device_id"] = (string)first["device_id"]! });

        Assert.Equal((long)first["id"]!, (long)fromAnotherBrowserContext["id"]!);
    }

    [Fact]
    public async Task A_new_email_identifies_the_anonymous_contact()
    {
        await using var api = await StartAsync();
        var visitor = api.Visitor();
        var anonymous = await Event(visitor, new() { ["page_url"] = "https://shop.example/" });
        Assert.Null((await Contact(api, (long)anonymous["id"]!))["dateIdentified"]);

        var identified = await Event(visitor, new() { ["page_url"] = "https://shop.example/signup", ["email"] = " Jim@Example.com " });

        Assert.Equal((long)anonymous["id"]!, (long)identified["id"]!);
        var contact = await Contact(api, (long)identified["id"]!);
        Assert.NotNull(contact["dateIdentified"]);
        Assert.Equal(" Jim@Example.com ".Trim(), ((string)contact["fields"]!["all"]!["email"]!).Trim());
        Assert.Contains(await api.Grains.GetContact((long)identified["id"]!).Timeline(), e => e.Type == "lead.identified");
    }

    [Fact]
    public async Task A_known_email_merges_the_anonymous_contact_into_its_owner_with_its_hits()
    {
        await using var api = await StartAsync();
        var owner = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/a", ["email"] = "ann@example.com" });
        var browser = api.Visitor();
        var anonymous = await Event(browser, new() { ["page_url"] = "https://shop.example/b", ["tags"] = "pricing" });
        await Event(browser, new() { ["page_url"] = "https://shop.example/c" });

        var identified = await Event(browser, new() { ["page_url"] = "https://shop.example/d", ["email"] = "ANN@example.com" });

        var ownerId = (long)owner["id"]!;
        Assert.Equal(ownerId, (long)identified["id"]!);
        Assert.Equal(4, (await api.Grains.GetContact(ownerId).Timeline()).Count(e => e.Type == "page.hit"));
        var merged = await Contact(api, ownerId);
        Assert.Equal("pricing", (string)Assert.Single(merged["tags"]!.AsArray())!["tag"]!);
        // The loser's id leads to the winner forever, and so does its device cookie.
        var viaLoserId = await Contact(api, (long)anonymous["id"]!);
        Assert.Equal(ownerId, (long)viaLoserId["id"]!);
        Assert.Equal(ownerId, (long)(await Event(browser, new() { ["page_url"] = "https://shop.example/e" }))["id"]!);
    }

    [Fact]
    public async Task Fifty_devices_hitting_at_once_with_the_same_new_email_end_as_one_contact_owning_every_device_and_hit()
    {
        await using var api = await StartAsync();
        var visitors = Enumerable.Range(0, 50).Select(_ => api.Visitor()).ToArray();
        var first = await Task.WhenAll(visitors.Select((v, i) => Event(v, new() { ["page_url"] = $"https://shop.example/{i}" })));

        var identified = await Task.WhenAll(visitors.Select((v, i) => Event(v, new() { ["page_url"] = $"https://shop.example/{i}/signup", ["email"] = "race@example.com" })));

        var winner = Assert.Single(identified.Select(r => (long)r["id"]!).Distinct());
        var contact = await api.Grains.GetContact(winner).Get();
        Assert.Equal(first.Select(r => (string)r["device_id"]!).Order(), contact!.Devices.Order());
        Assert.Equal(100, (await api.Grains.GetContact(winner).Timeline()).Count(e => e.Type == "page.hit"));
    }

    [Fact]
    public async Task Tags_are_added_and_a_leading_minus_removes_one()
    {
        await using var api = await StartAsync();
        var visitor = api.Visitor();
        await Event(visitor, new() { ["tags"] = "pricing, enterprise,trial" });

        var reply = await Event(visitor, new() { ["tags"] = "-trial,customer" });

        var tags = (await Contact(api, (long)reply["id"]!))["tags"]!.AsArray().Select(t => (string)t!["tag"]!).Order();
        Assert.Equal(["customer", "enterprise", "pricing"], tags);
    }

    [Fact]
    public async Task Fields_that_are_not_publicly_updatable_are_ignored()
    {
        await using var api = await StartAsync(emailIsPublic: false);

        var reply = await Event(api.Visitor(), new() { ["email"] = "mallory@example.com", ["lastname"] = "Mallory", ["points"] = "1000" });

        var contact = await Contact(api, (long)reply["id"]!);
        Assert.Null(contact["fields"]!["all"]!["email"]);
        Assert.Null(contact["fields"]!["all"]!["lastname"]);
        Assert.Equal(0, (int)contact["points"]!);
        Assert.Null(contact["dateIdentified"]);
    }

    [Theory]
    [InlineData("curl/8.5.0")]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("python-requests/2.31")]
    public async Task Bots_are_answered_but_not_tracked(string userAgent)
    {
        await using var api = await StartAsync();

        var pixel = await Send(api.Visitor(), "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F", userAgent);
        var reply = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/" }, userAgent);

        Assert.Equal(TrackingPixel.Gif, await pixel.Content.ReadAsByteArrayAsync());
        Assert.False(pixel.Headers.Contains("Set-Cookie"));
        Assert.Equal(1, (int)reply["success"]!);
        Assert.Null(reply["id"]);
        Assert.Null(reply["device_id"]);
        Assert.Null(await api.Grains.GetContact(1).Get());
    }

    [Fact]
    public async Task Do_not_track_addresses_behind_a_trusted_proxy_are_answered_but_not_tracked()
    {
        await using var api = await StartAsync(new Dictionary<string, string?>
        {
            ["Tracking:TrustedProxies:0"] = "127.0.0.1",
            ["Tracking:DoNotTrackIps:0"] = "198.51.100.0/24",
        });
        var office = api.Visitor();
        office.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.23");
        var customer = api.Visitor();
        customer.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");

        var untracked = await Event(office, new() { ["page_url"] = "https://shop.example/" });
        var tracked = await Event(customer, new() { ["page_url"] = "https://shop.example/" });

        Assert.Null(untracked["id"]);
        var contact = await Contact(api, (long)tracked["id"]!);
        Assert.NotNull(contact["ipAddresses"]!["203.0.113.50"]);
    }

    [Theory]
    [InlineData("198.51.100.9:4444", "198.51.100.9")]
    [InlineData("[2001:db8::1]:443", "2001:db8::1")]
    [InlineData("[2001:db8::2]", "2001:db8::2")]
    public async Task A_forwarded_address_with_the_port_the_proxy_saw_is_recorded(string forwardedFor, string recorded)
    {
        await using var api = await StartAsync(new Dictionary<string, string?> { ["Tracking:TrustedProxies:0"] = "127.0.0.1" });
        var visitor = api.Visitor();
        visitor.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);

        var reply = await Event(visitor, new() { ["page_url"] = "https://shop.example/" });

        var addresses = (await Contact(api, (long)reply["id"]!))["ipAddresses"]!.AsObject();
        Assert.Equal([recorded], addresses.Select(a => a.Key));
    }

    [Fact]
    public async Task Cors_allows_configured_origins_exactly_or_by_wildcard_and_refuses_others()
    {
        await using var api = await StartAsync(new Dictionary<string, string?>
        {
            ["Tracking:ValidDomains:0"] = "https://shop.example",
            ["Tracking:ValidDomains:1"] = "https://*.brand.example",
        });

        var exact = await Preflight(api, "https://shop.example");
        var wildcard = await Preflight(api, "https://blog.eu.brand.example");
        var refused = await Preflight(api, "https://evil.example");
        var xhr = await Send(api.Visitor(), "/mtc/event", headers: new() { ["Origin"] = "https://shop.example", ["X-Requested-With"] = "XMLHttpRequest" });

        Assert.Equal(HttpStatusCode.NoContent, exact.StatusCode);
        Assert.Equal("https://shop.example", exact.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", exact.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.Equal("https://blog.eu.brand.example", wildcard.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Origin", wildcard.Headers.Vary);
        Assert.Equal(HttpStatusCode.NoContent, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("https://shop.example", xhr.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("/mtracking.gif?mautic_device_id=NOT-A-DEVICE&page_url=https%3A%2F%2Fshop.example%2F")]
    [InlineData("/mtracking.gif?ct=%%%broken&page_url=x")]
    [InlineData("/mtracking.gif?d=bm90IHBocA==")]
    [InlineData("/mtracking.gif?page_url=%FF%FE%ZZ&page_title=%C3%28&tags=%00%01")]
    [InlineData("/mtracking.gif?a=1&a=2&&&=&%3D%3D=&page_url=https://x/?%%")]
    public async Task Malformed_pixel_requests_still_get_the_gif_and_never_a_server_error(string path)
    {
        await using var api = await StartAsync();

        var response = await Send(api.Visitor(), path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TrackingPixel.Gif, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Over_long_values_and_unknown_fields_are_capped_or_ignored_not_stored_whole()
    {
        await using var api = await StartAsync();
        var huge = new string('x', 100_000);

        var reply = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/?q=" + huge, ["page_title"] = huge, ["no_such_field"] = "x", ["firstname"] = huge });

        var id = (long)reply["id"]!;
        var hit = Assert.Single(await api.Grains.GetContact(id).Timeline(), e => e.Type == "page.hit");
        Assert.Equal(TrackingOptions.DefaultMaxUrlLength, hit.Details["url"]!.Length);
        Assert.Equal(TrackingOptions.DefaultMaxValueLength, hit.Details["urlTitle"]!.Length);
        var contact = await api.Grains.GetContact(id).Get();
        Assert.Equal(ContactOptions.DefaultMaxFieldLength, contact!.Fields["firstname"]!.Length);
        Assert.False(contact.Fields.ContainsKey("no_such_field"));
    }

    [Fact]
    public async Task A_broken_ct_makes_the_event_call_answer_a_json_failure_and_store_nothing()
    {
        await using var api = await StartAsync();

        var response = await Send(api.Visitor(), "/mtc/event", form: new Dictionary<string, string> { ["ct"] = "%%%not-base64", ["page_url"] = "https://shop.example/" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(0, (int)reply["success"]!);
        Assert.Null(await api.Grains.GetContact(1).Get());
    }

    [Fact]
    public async Task Mtc_answers_the_visitors_ids_creating_an_anonymous_contact_for_a_new_device()
    {
        await using var api = await StartAsync();
        var visitor = api.Visitor();

        var created = JsonNode.Parse(await (await Send(visitor, "/mtc")).Content.ReadAsStringAsync())!;
        var again = JsonNode.Parse(await (await Send(visitor, "/mtc")).Content.ReadAsStringAsync())!;

        Assert.Equal((long)created["id"]!, (long)again["id"]!);
        Assert.Equal((string)created["device_id"]!, (string)again["device_id"]!);
        Assert.True(await api.Grains.GetContact((long)created["id"]!).Exists());
    }

    [Fact]
    public async Task A_manual_merge_keeps_the_winner_and_the_loser_id_leads_to_it()
    {
        await using var api = await StartAsync();
        var a = await Event(api.Visitor(), new() { ["email"] = "a@example.com", ["tags"] = "a" });
        var b = await Event(api.Visitor(), new() { ["email"] = "b@example.com", ["tags"] = "b" });

        var response = await api.ApiClient().PostAsync($"/api/contacts/{a["id"]}/merge/{b["id"]}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var merged = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["contact"]!;
        Assert.Equal((long)a["id"]!, (long)merged["id"]!);
        Assert.Equal(2, merged["tags"]!.AsArray().Count);
        Assert.Equal((long)a["id"]!, (long)(await Contact(api, (long)b["id"]!))["id"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await api.ApiClient().PostAsync($"/api/contacts/{a["id"]}/merge/999999", null)).StatusCode);
    }

    [Fact]
    public async Task The_activity_endpoint_filters_and_pages_the_timeline_newest_first()
    {
        await using var api = await StartAsync();
        var visitor = api.Visitor();
        long id = 0;
        for (var i = 1; i <= 3; i++)
            id = (long)(await Event(visitor, new() { ["page_url"] = $"https://shop.example/{i}?ref=n{i}", ["tags"] = $"t{i}" }))["id"]!;

        var hits = await Json(api, $"/api/contacts/{id}/activity?filters[includeEvents][]=page.hit&limit=2");
        var rest = await Json(api, $"/api/contacts/{id}/activity?filters[excludeEvents][]=page.hit&filters[excludeEvents][]=lead.tagsupdated");
        var bad = await api.ApiClient().GetAsync($"/api/contacts/{id}/activity?page=zero");

        Assert.Equal(3, (int)hits["total"]!);
        Assert.Equal(2, (int)hits["maxPages"]!);
        Assert.Equal(["https://shop.example/3?ref=n3", "https://shop.example/2?ref=n2"], hits["events"]!.AsArray().Select(e => (string)e!["details"]!["hit"]!["url"]!));
        // The hit's parameters as an object, as Mautic answers them, not the text they are stored as.
        Assert.Equal("n3", (string?)hits["events"]![0]!["details"]!["hit"]!["query"]!["ref"]);
        Assert.Equal(["lead.create"], rest["events"]!.AsArray().Select(e => (string)e!["event"]!));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(400, (int)JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]![0]!["code"]!);
    }

    internal static async Task MakePubliclyUpdatable(ApiFactory api, params string[] aliases)
    {
        var catalog = api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields);
        foreach (var alias in aliases)
            await catalog.Upsert((await catalog.Get()).Single(f => f.Alias == alias) with { IsPubliclyUpdatable = true });
        api.Services.GetRequiredService<FieldCatalogCache>().Invalidate();
    }

    internal static async Task<JsonNode> Event(HttpClient visitor, Dictionary<string, string> form, string userAgent = Browser)
    {
        var response = await Send(visitor, "/mtc/event", userAgent, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    internal static async Task<JsonNode> Contact(ApiFactory api, long id)
    {
        var response = await api.ApiClient().GetAsync($"/api/contacts/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["contact"]!;
    }

    private static async Task<JsonNode> Json(ApiFactory api, string path)
    {
        var response = await api.ApiClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5.1.0", response.Headers.GetValues("Mautic-Version").Single());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static Task<HttpResponseMessage> Preflight(ApiFactory api, string origin)
        => Send(api.Visitor(), "/mtc/event", method: HttpMethod.Options, headers: new() { ["Origin"] = origin, ["Access-Control-Request-Headers"] = "x-requested-with,content-type" });

    internal static Task<HttpResponseMessage> Send(HttpClient client, string path, string userAgent = Browser, IEnumerable<KeyValuePair<string, string>>? form = null,
        HttpMethod? method = null, Dictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method ?? (form is null ? HttpMethod.Get : HttpMethod.Post), path);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        foreach (var (name, value) in headers ?? [])
            request.Headers.TryAddWithoutValidation(name, value);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
            request.Headers.TryAddWithoutValidation("X-Requested-With", "XMLHttpRequest");
        }
        return client.SendAsync(request);
    }
}

public sealed class SqliteTrackingPipelineTests() : TrackingPipelineTests(TestStore.Sqlite);

public sealed class PostgreSqlTrackingPipelineTests() : TrackingPipelineTests(TestStore.PostgreSql);
