using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Infrastructure;

/// <summary>
/// One test's world: the customer's site on origin A with a page carrying the embed snippet, the recording tracker on
/// origin B, and a fresh browser context (empty cookies and localStorage) showing the page. Disposing it saves a
/// screenshot named after the test under artifacts/screenshots/ in the test output folder (AppContext.BaseDirectory).
/// </summary>
internal sealed class TrackedPage : IAsyncDisposable
{
    public const string Title = "Pricing | Example Shop";
    public const string PagePath = "/pricing";
    public const string PageQuery = "?plan=pro";
    public const string Locale = "de-DE";
    public const string TimeZone = "Europe/Berlin";
    public const int ScreenWidth = 1280, ScreenHeight = 720;

    public static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    private readonly IBrowserContext _context;
    private readonly string _testName;

    private TrackedPage(TestSite site, RecordingTracker tracker, IBrowserContext context, IPage page, string testName) =>
        (Site, Tracker, _context, Page, _testName) = (site, tracker, context, page, testName);

    public TestSite Site { get; }
    public RecordingTracker Tracker { get; }
    public IPage Page { get; }
    public string Url => Site.Origin + PagePath + PageQuery;

    /// <param name="calls">Script run right after the snippet, before mtc.js has loaded: mt(...) calls it queues.</param>
    public static async Task<TrackedPage> OpenAsync(
        ChromiumFixture chromium, string calls, TrackerBehaviour? behaviour = null, string? referer = null,
        [CallerMemberName] string testName = "")
    {
        var site = await TestSite.StartAsync();
        var tracker = await RecordingTracker.StartAsync(site.Origin, behaviour ?? new TrackerBehaviour());
        site.Publish(PagePath, TrackingPageHtml.Render(Title, tracker.BaseUrl + "/mtc.js", calls));
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = Locale,
            TimezoneId = TimeZone,
            ScreenSize = new ScreenSize { Width = ScreenWidth, Height = ScreenHeight },
            ViewportSize = new ViewportSize { Width = 900, Height = 520 },
        });
        var page = await context.NewPageAsync();
        var tracked = new TrackedPage(site, tracker, context, page, testName);
        await page.GotoAsync(tracked.Url, new PageGotoOptions { Referer = referer });
        return tracked;
    }

    /// <summary>Waits until the script has announced <paramref name="count"/> deliveries; returns every announcement's detail.</summary>
    public async Task<JsonElement[]> DeliveriesAsync(int count)
    {
        await Page.WaitForFunctionAsync($"() => window.deliveries.length >= {count}", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        // Playwright fills a JsonElement but not the elements of a JsonElement[]: read the array whole, then split it.
        var deliveries = await Page.EvaluateAsync<JsonElement>("() => window.deliveries");
        return [.. deliveries.EnumerateArray()];
    }

    public Task<string[]> CallbacksAsync() => Page.EvaluateAsync<string[]>("() => window.callbacks");

    public Task<string?> LocalStorageAsync(string key) => Page.EvaluateAsync<string?>("key => localStorage.getItem(key)", key);

    public async ValueTask DisposeAsync()
    {
        try
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, _testName + ".png") });
        }
        finally
        {
            await _context.CloseAsync();
            await Tracker.DisposeAsync();
            await Site.DisposeAsync();
        }
    }
}
