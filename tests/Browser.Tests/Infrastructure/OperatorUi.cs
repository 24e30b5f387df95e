using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Testing;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Infrastructure;

/// <summary>
/// One UI test's world: the real Api as its own process (embedded silo, SQLite in a fresh folder) with a known admin,
/// a fresh browser context on its /ui, and an HTTP client that sets up data through /api with Basic credentials.
/// Disposing it saves a screenshot named after the test under artifacts/screenshots/.
/// </summary>
internal sealed class OperatorUi : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "operator-ui-password";
    /// <summary>Generous, because the machine running the tests is shared and a page may wait for a busy CPU.</summary>
    public const float Timeout = 30_000;
    public const float ExpectTimeout = 15_000;
    public const string BrowserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

    private readonly IBrowserContext _context;
    private readonly string _testName;

    private OperatorUi(HostProcess service, IBrowserContext context, IPage page, string testName)
        => (Service, _context, Page, _testName) = (service, context, page, testName);

    public HostProcess Service { get; }
    public IPage Page { get; }
    public string Origin => Service.Client.BaseAddress!.ToString().TrimEnd('/');

    public static async Task<OperatorUi> StartAsync(
        ChromiumFixture chromium, IReadOnlyDictionary<string, string>? settings = null, [CallerMemberName] string testName = "")
    {
        var environment = new Dictionary<string, string>
        {
            ["Api__AdminUser"] = AdminUser,
            ["Api__AdminPassword"] = AdminPassword,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        var service = HostProcess.Start("Actors.Api.dll", environment);
        await service.WaitForStatusAsync("/readyz", HttpStatusCode.OK);
        service.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AdminUser}:{AdminPassword}")));
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.Client.BaseAddress!.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
        context.SetDefaultTimeout(Timeout);
        Assertions.SetDefaultExpectTimeout(ExpectTimeout);
        var page = await context.NewPageAsync();
        return new OperatorUi(service, context, page, testName);
    }

    /// <summary>Signs in through the login form and waits for the contacts list.</summary>
    public async Task SignInAsync(string path = "/ui/contacts")
    {
        await Page.GotoAsync(path);
        await SubmitLoginAsync(AdminPassword);
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path.Split('?')[0]);
    }

    /// <summary>Fills the login form on screen as the admin with <paramref name="password"/> and sends it.</summary>
    public async Task SubmitLoginAsync(string password)
    {
        await Page.FillAsync("#username", AdminUser);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("button[type=submit]");
    }

    /// <summary>Creates a contact through /api and answers its id.</summary>
    public async Task<long> CreateContactAsync(object fields)
    {
        using var response = await Service.Client.PostAsJsonAsync("/api/contacts/new", fields);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["contact"]!["id"]!;
    }

    /// <summary>Creates a contact field through /api (label, alias, type, properties).</summary>
    public async Task CreateFieldAsync(object field)
    {
        using var response = await Service.Client.PostAsJsonAsync("/api/fields/contact/new", field);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>The state-changing requests the page sends from now on, as "METHOD path body".</summary>
    public static IReadOnlyCollection<string> RecordWrites(IPage page)
    {
        var writes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (request.Method != "GET")
                writes.Enqueue($"{request.Method} {new Uri(request.Url).AbsolutePath} {request.PostData}");
        };
        return writes;
    }

    /// <summary>The page's uncaught errors (unhandled rejections included) from now on.</summary>
    public static IReadOnlyCollection<string> RecordUncaughtErrors(IPage page)
    {
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.PageError += (_, error) => errors.Enqueue(error);
        return errors;
    }

    /// <summary>What the page's Content-Security-Policy refused from now on (an inline style, a script), as the console reports it.</summary>
    public static IReadOnlyCollection<string> RecordPolicyViolations(IPage page)
    {
        var refused = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                refused.Enqueue(message.Text);
        };
        return refused;
    }

    /// <summary>Whether the page is wider than the window, so that the window scrolls sideways.</summary>
    public Task<bool> ScrollsSidewaysAsync()
        => Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

    /// <summary>A browser's pixel request; answers the contact and device the tracker's cookies name.</summary>
    public async Task<(long Contact, string Device)> PixelAsync(string pageUrl, string? device)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/mtracking.gif?page_url={Uri.EscapeDataString(pageUrl)}&page_title=Shop");
        request.Headers.UserAgent.ParseAdd(BrowserAgent);
        if (device is not null)
            request.Headers.Add("Cookie", $"mautic_device_id={device}");
        using var plain = new HttpClient { BaseAddress = Service.Client.BaseAddress };
        using var response = await plain.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)).ToDictionary(c => c[0], c => c[1]);
        return (long.Parse(cookies["mtc_id"]), cookies["mautic_device_id"]);
    }

    public async Task<JsonNode> GetJsonAsync(string path) => JsonNode.Parse(await Service.Client.GetStringAsync(path))!;

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(TrackedPage.ScreenshotDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TrackedPage.ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ScreenshotAsync("ui-" + _testName);
        }
        finally
        {
            await _context.CloseAsync();
            await Service.DisposeAsync();
        }
    }
}
