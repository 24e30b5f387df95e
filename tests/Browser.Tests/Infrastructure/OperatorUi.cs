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
    public const float Timeout = 15_000;

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
