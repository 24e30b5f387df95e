using Microsoft.Playwright;

namespace Actors.Browser.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium per test collection, driven through Playwright's driver from the NuGet package.
/// Playwright's own browser download cannot work on these machines, so the browser is always the system one; when
/// it is missing every test of the collection fails with the message below instead of being skipped.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// A name for loopback that is not a secure context (as 127.0.0.1 and localhost are), so a tracker reached through
    /// it over plain http cannot set its Secure cookies: the browser of a visitor who blocks third-party cookies.
    /// </summary>
    public const string UnsafeTrackerHost = "tracker.test";

    /// <summary>Without the background-networking flags Chromium keeps calling Google's hosts, which the closed network refuses.</summary>
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        $"--host-resolver-rules=MAP {UnsafeTrackerHost} 127.0.0.1",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not been launched.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Browser tests need Debian's Chromium at {ExecutablePath}: run `apt-get install chromium` (./build.sh test installs it).");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Browser";
}
