using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Actors.Api.Tests.Ui;

/// <summary>
/// The operator UI's session through the real pipeline: the login form, the cookie that /api then accepts, the
/// antiforgery token its writes need, and the /ui/api answers behind the screens.
/// </summary>
public abstract partial class UiSessionTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_form_sign_in_gives_a_session_that_reads_the_api_and_writes_only_with_the_antiforgery_token()
    {
        await using var api = new ApiFactory(store());
        var browser = Browser(api);

        var token = await SignInAsync(browser);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/users/self")).StatusCode);
        var forged = await browser.PostAsJsonAsync("/api/contacts/new", new { email = "forged@example.com" });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("access_denied", (string?)JsonNode.Parse(await forged.Content.ReadAsStringAsync())!["errors"]![0]!["type"]);
        using var signed = new HttpRequestMessage(HttpMethod.Post, "/api/contacts/new") { Content = JsonContent.Create(new { email = "real@example.com" }) };
        signed.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(signed)).StatusCode);
        var listed = JsonNode.Parse(await api.ApiClient().GetStringAsync("/api/contacts?search=email:forged@example.com"))!;
        Assert.Equal("0", (string?)listed["total"]);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_form_again_and_counts_toward_the_throttle()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Api:MaxFailedLogins"] = "2" });
        var browser = Browser(api);

        var first = await PostLoginAsync(browser, "wrong-password");
        var second = await PostLoginAsync(browser, "wrong-password");
        var third = await PostLoginAsync(browser, ApiFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Contains("Wrong username or password.", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.False(third.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("actors_ui=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pages_and_ui_answers_need_the_session()
    {
        await using var api = new ApiFactory(store());
        var browser = Browser(api);

        var page = await browser.GetAsync("/ui/contacts?search=x");
        var json = await browser.GetAsync("/ui/api/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/ui/login?returnUrl=%2Fui%2Fcontacts%3Fsearch%3Dx", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ApiClient().GetAsync("/ui/api/fields")).StatusCode);
    }

    [Fact]
    public async Task No_ui_answer_may_be_framed_by_another_page()
    {
        await using var api = new ApiFactory(store());
        var browser = Browser(api);
        var login = await browser.GetAsync("/ui/login");
        await SignInAsync(browser);

        foreach (var path in new[] { "/ui/contacts", "/ui/contacts/1", "/ui/dashboard", "/ui/import", "/ui/api/fields", "/ui/assets/app.js" })
        {
            var answer = await browser.GetAsync(path);
            Assert.Equal((path, HttpStatusCode.OK), (path, answer.StatusCode));
            Assert.Equal((path, "DENY"), (path, answer.Headers.GetValues("X-Frame-Options").Single()));
            Assert.Contains("frame-ancestors 'none'", answer.Headers.GetValues("Content-Security-Policy").Single());
        }
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_identifier_answer_names_the_owner_of_a_unique_value_whatever_its_case()
    {
        await using var api = new ApiFactory(store());
        var created = await api.ApiClient().PostAsJsonAsync("/api/contacts/new", new { email = "owner@example.com" });
        var id = (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["contact"]!["id"]!;
        var browser = Browser(api);
        await SignInAsync(browser);

        var owned = JsonNode.Parse(await browser.GetStringAsync("/ui/api/identifiers/email?value=Owner@Example.com"))!;
        var free = JsonNode.Parse(await browser.GetStringAsync("/ui/api/identifiers/email?value=free@example.com"))!;
        var notUnique = await browser.GetAsync("/ui/api/identifiers/city?value=Paris");

        Assert.Equal(id, (long?)owned["owner"]);
        Assert.Null(free["owner"]);
        Assert.Equal(HttpStatusCode.BadRequest, notUnique.StatusCode);
    }

    [Fact]
    public async Task The_fields_answer_carries_each_fields_properties_for_its_control()
    {
        await using var api = new ApiFactory(store());
        var field = await api.ApiClient().PostAsJsonAsync("/api/fields/contact/new",
            new { label = "Plan", alias = "plan", type = "select", properties = new { list = new[] { new { label = "Gold", value = "gold" } } } });
        Assert.Equal(HttpStatusCode.Created, field.StatusCode);
        var browser = Browser(api);
        await SignInAsync(browser);

        var fields = JsonNode.Parse(await browser.GetStringAsync("/ui/api/fields"))!["fields"]!.AsArray();

        Assert.Equal("gold", (string?)fields.Single(f => (string?)f!["alias"] == "plan")!["properties"]!["list"]![0]!["value"]);
        Assert.Equal("{}", fields.Single(f => (string?)f!["alias"] == "city")!["properties"]!.ToJsonString());
    }

    [Fact]
    public async Task The_identifier_answer_reads_a_value_in_its_stored_form_as_the_write_does()
    {
        await using var api = new ApiFactory(store());
        var field = await api.ApiClient().PostAsJsonAsync("/api/fields/contact/new", new { label = "Number", alias = "f_number", type = "number", isUniqueIdentifier = true });
        Assert.Equal(HttpStatusCode.Created, field.StatusCode);
        var created = await api.ApiClient().PostAsJsonAsync("/api/contacts/new", new { f_number = "42" });
        var id = (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["contact"]!["id"]!;
        var browser = Browser(api);
        await SignInAsync(browser);

        var owners = new List<long?>();
        foreach (var spelling in new[] { "42.0", "042", "4.2e1", " 42 " })
            owners.Add((long?)JsonNode.Parse(await browser.GetStringAsync($"/ui/api/identifiers/f_number?value={Uri.EscapeDataString(spelling)}"))!["owner"]);
        var noNumber = await browser.GetAsync("/ui/api/identifiers/f_number?value=forty-two");

        Assert.All(owners, owner => Assert.Equal(id, owner));
        Assert.Equal(HttpStatusCode.BadRequest, noNumber.StatusCode);
        Assert.Contains("f_number: must be a number.", await noNumber.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_dashboard_reports_the_embedded_silo_with_its_calls_and_memory_and_latency_once_watched()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Dashboard:SampleInterval"] = "00:00:00.200" });
        var browser = Browser(api);
        await SignInAsync(browser);
        var unwatched = JsonNode.Parse(await browser.GetStringAsync("/ui/api/dashboard"))!["silos"]![0]!;
        // The first look starts the latency measurements; calls made after it are measured.
        for (var i = 0; i < 3; i++)
            await api.ApiClient().PostAsJsonAsync("/api/contacts/new", new { email = $"dash{i}@example.com" });
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var dashboard = JsonNode.Parse(await browser.GetStringAsync("/ui/api/dashboard"))!;

        Assert.Equal(0, (double)unwatched["latencyP99Ms"]!);
        var silo = dashboard["silos"]!.AsArray().Single()!;
        Assert.Equal("Active", (string?)silo["status"]);
        Assert.Equal("127.0.0.1:11111", (string?)silo["address"]);
        Assert.True((long)silo["calls"]! > 0);
        Assert.True((double)silo["latencyP99Ms"]! > 0);
        Assert.True((double)silo["latencyP99Ms"]! >= (double)silo["latencyP50Ms"]!);
        Assert.True((long)silo["memoryBytes"]! > 0);
        // Activations are counted in the silo's own catalog, so other tests' silos in this process do not add up here.
        Assert.Equal(3, (long)dashboard["grainTypes"]!.AsArray().Single(t => (string?)t!["type"] == "identifierindex")!["activations"]!);
        Assert.All(dashboard["grainTypes"]!.AsArray(), type => Assert.Equal((long)type!["activations"]!, (long)type["bySilo"]!["127.0.0.1:11111"]!));
    }

    internal static HttpClient Browser(ApiFactory api)
        => api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the form; answers the antiforgery token the shell page carries for the session.</summary>
    internal static async Task<string> SignInAsync(HttpClient browser)
    {
        var answer = await PostLoginAsync(browser, ApiFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var shell = await browser.GetStringAsync("/ui/contacts");
        return ShellToken().Match(shell).Groups[1].Value;
    }

    internal static async Task<HttpResponseMessage> PostLoginAsync(
        HttpClient browser, string password, string returnUrl = "/ui/contacts", string username = ApiFactory.AdminUser)
    {
        var form = await browser.GetStringAsync("/ui/login");
        var token = FormToken().Match(form).Groups[1].Value;
        return await browser.PostAsync("/ui/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["username"] = username,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex ShellToken();
}

public sealed class SqliteUiSessionTests() : UiSessionTests(TestStore.Sqlite);

public sealed class PostgreSqlUiSessionTests() : UiSessionTests(TestStore.PostgreSql);
