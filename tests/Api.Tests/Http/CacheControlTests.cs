using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Api.Tests.Ui;

namespace Actors.Api.Tests.Http;

/// <summary>
/// /api answers and the signed-in UI's pages say no-store, errors included, so that no contact or list reaches the
/// browser's disk cache or comes back as it was on Back; the UI's assets keep their revalidated caching and the tracking
/// endpoints the headers Mautic gives them. /favicon.ico answers 204 instead of a 404 on every page load.
/// </summary>
public sealed class CacheControlTests(CacheControlTests.Service service) : IClassFixture<CacheControlTests.Service>
{
    public sealed class Service : IAsyncLifetime
    {
        public ApiFactory Api { get; } = new(TestStore.Sqlite());

        public long Contact { get; private set; }

        public async Task InitializeAsync()
        {
            using var created = await Api.ApiClient().PostAsJsonAsync("/api/contacts/new", new { email = "cached@example.com" });
            Contact = (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["contact"]!["id"]!;
        }

        public async Task DisposeAsync() => await Api.DisposeAsync();
    }

    [Theory]
    [InlineData("/api/contacts")]
    [InlineData("/api/contacts/{id}")]
    [InlineData("/api/contacts/export?format=csv")]
    [InlineData("/api/contacts/999999")]
    [InlineData("/api/nonexistent")]
    public async Task Api_answers_and_their_errors_say_no_store(string path)
    {
        using var answer = await service.Api.ApiClient().GetAsync(path.Replace("{id}", service.Contact.ToString()));

        Assert.Equal("no-store", CacheControl(answer));
    }

    [Fact]
    public async Task An_unauthenticated_api_answer_says_no_store()
    {
        using var answer = await service.Api.CreateClient().GetAsync("/api/contacts");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("no-store", CacheControl(answer));
    }

    [Fact]
    public async Task Ui_pages_and_ui_answers_say_no_store_while_assets_are_revalidated()
    {
        var browser = UiSessionTests.Browser(service.Api);
        var login = await browser.GetAsync("/ui/login");
        await UiSessionTests.SignInAsync(browser);

        foreach (var path in new[] { "/ui/contacts", $"/ui/contacts/{service.Contact}", "/ui/dashboard", "/ui/api/fields" })
        {
            using var answer = await browser.GetAsync(path);
            Assert.Equal((path, HttpStatusCode.OK), (path, answer.StatusCode));
            // Antiforgery, which gives the pages their tokens, says no-cache as well.
            Assert.Equal((path, true), (path, answer.Headers.CacheControl?.NoStore));
        }
        Assert.True(login.Headers.CacheControl?.NoStore);
        foreach (var asset in new[] { "/ui/assets/app.js", "/ui/assets/ui.css", "/ui/assets/favicon.svg" })
        {
            using var answer = await browser.GetAsync(asset);
            Assert.Equal((asset, HttpStatusCode.OK), (asset, answer.StatusCode));
            Assert.Equal((asset, "no-cache"), (asset, CacheControl(answer)));
            Assert.NotNull(answer.Headers.ETag);
        }
    }

    [Fact]
    public async Task Tracking_endpoints_keep_their_own_caching_headers()
    {
        var visitor = service.Api.Visitor();

        using var pixel = await visitor.GetAsync("/mtracking.gif?page_url=https%3A%2F%2Fshop.test%2F");
        using var script = await visitor.GetAsync("/mtc.js");
        using var tracked = await visitor.PostAsync("/mtc/event", new FormUrlEncodedContent(new Dictionary<string, string> { ["page_url"] = "https://shop.test/2" }));

        Assert.Equal("private, no-cache, no-cache=Set-Cookie, proxy-revalidate", CacheControl(pixel));
        Assert.Equal("public, max-age=3600", CacheControl(script));
        Assert.Equal(HttpStatusCode.OK, tracked.StatusCode);
        Assert.Null(CacheControl(tracked));
    }

    [Fact]
    public async Task The_favicon_answers_204_that_a_browser_may_keep_and_the_pages_name_an_svg_icon()
    {
        var browser = UiSessionTests.Browser(service.Api);

        using var favicon = await browser.GetAsync("/favicon.ico");
        using var icon = await browser.GetAsync("/ui/assets/favicon.svg");
        var login = await browser.GetStringAsync("/ui/login");

        Assert.Equal(HttpStatusCode.NoContent, favicon.StatusCode);
        Assert.Equal("public, max-age=86400", CacheControl(favicon));
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<link rel=\"icon\" href=\"/ui/assets/favicon.svg\" type=\"image/svg+xml\">", login);
    }

    /// <summary>The header as sent: the pixel's repeats no-cache, which the typed header refuses to parse.</summary>
    private static string? CacheControl(HttpResponseMessage answer)
        => answer.Headers.NonValidated.TryGetValues("Cache-Control", out var values) ? string.Join(", ", values) : null;
}
