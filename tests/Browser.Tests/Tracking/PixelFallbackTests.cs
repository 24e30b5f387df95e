using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Tracking;

/// <summary>
/// The real mtc.js against the real service where the tracker's own cookies never reach it: the script loads the
/// tracker as tracker.test (mapped to loopback by the fixture), a plain-http origin that may not set the tracker's
/// Secure cookies, as a browser blocking third-party cookies would. Only the device id in localStorage names the visitor.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PixelFallbackTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task After_a_failed_event_call_the_pixel_and_the_mtc_lookup_carry_the_stored_device_so_the_contact_stays()
    {
        await using var site = await TestSite.StartAsync();
        await using var service = await RealTracker.StartAsync(site);
        var tracker = $"http://{ChromiumFixture.UnsafeTrackerHost}:{service.Client.BaseAddress!.Port}";
        site.Publish("/pricing", TrackingPageHtml.Render("Pricing | Example Shop", tracker + "/mtc.js", "mt('send', 'pageview');"));
        var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var lookups = new List<string>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == "/mtc")
                lock (lookups) lookups.Add(request.Url);
        };

        try
        {
            var first = await VisitAsync(page, site.Origin + "/pricing");
            Assert.Equal("cors", first.GetProperty("transport").GetString());
            var contactId = first.GetProperty("response").GetProperty("id").GetInt64();
            var deviceId = first.GetProperty("response").GetProperty("device_id").GetString();
            Assert.Empty(await context.CookiesAsync([tracker]));

            // One transient failure of the event call: the script falls back to the pixel, then asks /mtc who it is.
            var failures = 0;
            await page.RouteAsync("**/mtc/event", async route =>
            {
                if (route.Request.Method != "POST" || Interlocked.Increment(ref failures) > 1)
                {
                    await route.ContinueAsync();
                    return;
                }
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 503,
                    ContentType = "application/json",
                    Body = """{"success":0}""",
                    Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = site.Origin, ["Access-Control-Allow-Credentials"] = "true" },
                });
            });
            var second = await VisitAsync(page, site.Origin + "/pricing");

            Assert.Equal("pixel", second.GetProperty("transport").GetString());
            Assert.Equal(contactId, second.GetProperty("response").GetProperty("id").GetInt64());
            Assert.Equal(contactId.ToString(), await page.EvaluateAsync<string>("() => localStorage.getItem('mtc_id')"));
            Assert.Contains("mautic_device_id=" + deviceId, Assert.Single(lookups));
            var activity = JsonNode.Parse(await service.Client.GetStringAsync($"/api/contacts/{contactId}/activity?filters[includeEvents][]=page.hit"))!;
            Assert.Equal(2, (int)activity["total"]!);
        }
        finally
        {
            Directory.CreateDirectory(TrackedPage.ScreenshotDirectory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TrackedPage.ScreenshotDirectory, "pixel-fallback.png") });
            await context.CloseAsync();
        }
    }

    private static async Task<JsonElement> VisitAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => window.deliveries.length >= 1", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        return (await page.EvaluateAsync<JsonElement>("() => window.deliveries"))[0];
    }
}
