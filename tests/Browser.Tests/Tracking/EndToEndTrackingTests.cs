using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Tracking;

/// <summary>
/// The real mtc.js against the real service: the Api runs as its own process (embedded silo, SQLite) and a
/// customer's page on another origin embeds the snippet. What the browser does must end on one contact.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EndToEndTrackingTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Two_pageviews_from_a_page_on_another_origin_land_on_one_contact_and_carry_the_device_id()
    {
        await using var site = await TestSite.StartAsync();
        await using var service = await RealTracker.StartAsync(site);
        var tracker = service.Client.BaseAddress!.ToString().TrimEnd('/');
        site.Publish("/pricing", TrackingPageHtml.Render("Pricing | Example Shop", tracker + "/mtc.js", """
            mt('send', 'pageview', { tags: 'e2e' });
            mt('send', 'pageview', { page_title: 'Second view' });
            """));
        var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var posts = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/mtc/event", StringComparison.Ordinal))
                lock (posts) posts.Add(request);
        };

        try
        {
            await page.GotoAsync(site.Origin + "/pricing");
            await page.WaitForFunctionAsync("() => window.deliveries.length >= 2", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
            var deliveries = await page.EvaluateAsync<JsonElement>("() => window.deliveries");

            var responses = deliveries.EnumerateArray().Select(d => d.GetProperty("response")).ToArray();
            Assert.All(deliveries.EnumerateArray(), d => Assert.Equal("cors", d.GetProperty("transport").GetString()));
            var contactId = responses[0].GetProperty("id").GetInt64();
            var deviceId = responses[0].GetProperty("device_id").GetString();
            Assert.Equal(contactId, responses[1].GetProperty("id").GetInt64());
            Assert.Equal(deviceId, responses[1].GetProperty("device_id").GetString());
            Assert.Contains("mautic_device_id=" + deviceId, posts[1].PostData);

            var activity = JsonNode.Parse(await service.Client.GetStringAsync($"/api/contacts/{contactId}/activity?filters[includeEvents][]=page.hit"))!;
            Assert.Equal(2, (int)activity["total"]!);
            Assert.Contains(activity["events"]!.AsArray(), e => (string?)e!["details"]!["hit"]!["urlTitle"] == "Second view");
            var contact = JsonNode.Parse(await service.Client.GetStringAsync($"/api/contacts/{contactId}"))!["contact"]!;
            Assert.Equal("e2e", (string)contact["tags"]![0]!["tag"]!);
        }
        finally
        {
            Directory.CreateDirectory(TrackedPage.ScreenshotDirectory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TrackedPage.ScreenshotDirectory, "end-to-end.png") });
            await context.CloseAsync();
        }
    }
}
