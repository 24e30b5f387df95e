using Actors.Browser.Tests.Infrastructure;

namespace Actors.Browser.Tests.Tracking;

/// <summary>
/// The real mtc.js in a real browser, on a site at origin A, talking to a recording tracker at origin B: what it
/// sends (MAUTIC-SPEC 1.3), how (CORS with credentials), and how it degrades to the pixel.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrackingScriptProtocolTests(ChromiumFixture chromium)
{
    private const string FormEncoded = "application/x-www-form-urlencoded";

    [Fact]
    public async Task Two_queued_pageviews_post_with_credentials_and_the_second_carries_the_device_id_the_first_learned()
    {
        await using var tracked = await TrackedPage.OpenAsync(chromium, """
            mt('send', 'pageview');
            mt('send', 'pageview', {}, { onload: callback('second onload'), onerror: callback('second onerror') });
            """);

        var deliveries = await tracked.DeliveriesAsync(2);

        var posts = tracked.Tracker.To("POST", "/mtc/event");
        Assert.Equal(2, posts.Count);
        foreach (var post in posts)
        {
            Assert.StartsWith(FormEncoded, post.Header("Content-Type"));
            Assert.Equal("XMLHttpRequest", post.Header("X-Requested-With"));
            Assert.Equal(tracked.Site.Origin, post.Header("Origin"));
            Assert.Equal(tracked.Url, post.Form["page_url"]);
            Assert.Equal(TrackedPage.Title, post.Form["page_title"]);
        }
        var (first, second) = (posts[0], posts[1]);
        Assert.Equal("0", first.Form["counter"]);
        Assert.False(first.Form.ContainsKey("mautic_device_id"));
        Assert.Empty(first.Cookies);
        Assert.Equal("1", second.Form["counter"]);
        Assert.Equal(RecordingTracker.DeviceId, second.Form["mautic_device_id"]);
        Assert.False(second.Form.ContainsKey("mtc_id"));
        Assert.Equal("1", second.Cookies[RecordingTracker.RefererCookie]);

        Assert.Empty(tracked.Tracker.To("GET", "/mtracking.gif"));
        Assert.All(deliveries, delivery => Assert.Equal("cors", delivery.GetProperty("transport").GetString()));
        Assert.Equal(["second onload"], await tracked.CallbacksAsync());
        Assert.Equal(RecordingTracker.ContactId.ToString(), await tracked.LocalStorageAsync("mtc_id"));
        Assert.Equal(RecordingTracker.DeviceId, await tracked.LocalStorageAsync("mautic_device_id"));
        var siteCookies = await tracked.Page.EvaluateAsync<string>("() => document.cookie");
        Assert.Contains($"mtc_id={RecordingTracker.ContactId}", siteCookies);
        Assert.Contains($"mautic_device_id={RecordingTracker.DeviceId}", siteCookies);
    }

    [Fact]
    public async Task Default_params_describe_the_page_and_the_browser_with_the_referrer_reduced_to_its_host()
    {
        await using var tracked = await TrackedPage.OpenAsync(chromium, "mt('send', 'pageview');",
            referer: "http://search.example:8080/results?q=shoes");

        await tracked.DeliveriesAsync(1);

        var form = Assert.Single(tracked.Tracker.To("POST", "/mtc/event")).Form;
        Assert.Equal("search.example:8080", form["page_referrer"]);
        Assert.Equal(TrackedPage.Locale, form["page_language"]);
        Assert.Equal("de_DE", form["preferred_locale"]);
        Assert.Equal(TrackedPage.TimeZone, form["timezone"]);
        var berlinOffset = -(int)TimeZoneInfo.FindSystemTimeZoneById(TrackedPage.TimeZone).GetUtcOffset(DateTimeOffset.UtcNow).TotalMinutes;
        Assert.Equal(berlinOffset.ToString(), form["timezone_offset"]);
        Assert.Equal($"{TrackedPage.ScreenWidth}x{TrackedPage.ScreenHeight}", form["resolution"]);
        Assert.Equal("UNIX", form["platform"]); // Chromium on Linux names X11 in its user agent.
        Assert.Equal("false", form["do_not_track"]);
    }

    [Fact]
    public async Task User_params_of_a_call_made_after_the_script_loaded_override_the_defaults()
    {
        await using var tracked = await TrackedPage.OpenAsync(chromium, "mt('send', 'pageview');");
        await tracked.DeliveriesAsync(1);

        await tracked.Page.EvaluateAsync("""
            () => mt('send', 'pageview', {
              email: 'ann@example.com', tags: 'vip,-trial', page_title: 'Checkout', utm_campaign: 'Winter'
            })
            """);
        await tracked.DeliveriesAsync(2);

        var form = tracked.Tracker.To("POST", "/mtc/event")[1].Form;
        Assert.Equal("ann@example.com", form["email"]);
        Assert.Equal("vip,-trial", form["tags"]);
        Assert.Equal("Checkout", form["page_title"]);
        Assert.Equal("Winter", form["utm_campaign"]);
        Assert.Equal(tracked.Url, form["page_url"]);
        Assert.Equal("1", form["counter"]);
        Assert.Equal(RecordingTracker.DeviceId, form["mautic_device_id"]);
    }

    [Fact]
    public async Task When_the_tracker_refuses_cors_the_pixel_carries_the_same_params_and_the_script_then_asks_mtc()
    {
        await using var tracked = await TrackedPage.OpenAsync(chromium, """
            mt('send', 'pageview', { email: 'ann@example.com' }, { onload: callback('onload'), onerror: callback('onerror') });
            mt('send', 'pageview');
            """, new TrackerBehaviour(AllowCors: false));

        var deliveries = await tracked.DeliveriesAsync(2);

        // The browser stops at the refused preflight; the status-0 failure sends the second pageview straight to the pixel.
        Assert.Single(tracked.Tracker.To("OPTIONS", "/mtc/event"));
        Assert.Empty(tracked.Tracker.To("POST", "/mtc/event"));
        var pixels = tracked.Tracker.To("GET", "/mtracking.gif");
        Assert.Equal(2, pixels.Count);
        Assert.Equal("ann@example.com", pixels[0].Query["email"]);
        Assert.Equal(tracked.Url, pixels[0].Query["page_url"]);
        Assert.Equal(TrackedPage.Title, pixels[0].Query["page_title"]);
        Assert.Equal(TrackedPage.Locale, pixels[0].Query["page_language"]);
        Assert.Equal("0", pixels[0].Query["counter"]);
        Assert.Equal("1", pixels[1].Query["counter"]);
        Assert.Equal("1", pixels[1].Cookies[RecordingTracker.RefererCookie]);

        var requests = tracked.Tracker.Requests.ToList();
        var firstPixel = requests.IndexOf(pixels[0]);
        Assert.Contains(requests.Skip(firstPixel + 1), request => request.Path == "/mtc");
        Assert.All(deliveries, delivery => Assert.Equal("pixel", delivery.GetProperty("transport").GetString()));
        Assert.Equal(["onload"], await tracked.CallbacksAsync());
        Assert.Null(await tracked.LocalStorageAsync("mtc_id"));
    }

    [Fact]
    public async Task When_the_event_endpoint_fails_the_pixel_delivers_and_mtc_supplies_the_device_id_for_the_next_post()
    {
        await using var tracked = await TrackedPage.OpenAsync(chromium, """
            mt('send', 'pageview', {}, { onload: callback('onload'), onerror: callback('onerror') });
            mt('send', 'pageview');
            """, new TrackerBehaviour(EventStatus: 500));

        await tracked.DeliveriesAsync(2);

        // A 500 is an answer, not a refusal: the second pageview tries the POST again.
        var posts = tracked.Tracker.To("POST", "/mtc/event");
        Assert.Equal(2, posts.Count);
        Assert.Equal(2, tracked.Tracker.To("GET", "/mtracking.gif").Count);
        var lookup = tracked.Tracker.To("GET", "/mtc")[0];
        Assert.Equal("XMLHttpRequest", lookup.Header("X-Requested-With"));
        Assert.Equal("1", lookup.Cookies[RecordingTracker.RefererCookie]);
        Assert.False(posts[0].Form.ContainsKey("mautic_device_id"));
        Assert.Equal(RecordingTracker.DeviceId, posts[1].Form["mautic_device_id"]);
        Assert.Equal(RecordingTracker.DeviceId, await tracked.LocalStorageAsync("mautic_device_id"));
        Assert.Equal(["onload"], await tracked.CallbacksAsync());
    }

    [Fact]
    public async Task Onerror_fires_when_neither_the_event_call_nor_the_pixel_is_delivered()
    {
        await using var tracked = await TrackedPage.OpenAsync(chromium, """
            mt('send', 'pageview', {}, { onload: callback('onload'), onerror: callback('onerror') });
            """, new TrackerBehaviour(AllowCors: false, PixelStatus: 404));

        var delivery = Assert.Single(await tracked.DeliveriesAsync(1));

        Assert.Equal("error", delivery.GetProperty("outcome").GetString());
        Assert.Equal(["onerror"], await tracked.CallbacksAsync());
        Assert.Single(tracked.Tracker.To("GET", "/mtracking.gif"));
        Assert.DoesNotContain(tracked.Tracker.Requests, request => request.Path == "/mtc");
    }

    [Fact]
    public async Task The_script_takes_the_tracker_address_from_its_own_src_including_a_path_prefix()
    {
        await using var tracked = await TrackedPage.OpenAsync(chromium, "mt('send', 'pageview');",
            new TrackerBehaviour(PathPrefix: "/tracker"));

        await tracked.DeliveriesAsync(1);

        Assert.Single(tracked.Tracker.To("GET", "/mtc.js"));
        Assert.Single(tracked.Tracker.To("POST", "/mtc/event"));
        Assert.All(tracked.Tracker.Requests, request => Assert.StartsWith("/tracker/", request.Path));
    }
}
