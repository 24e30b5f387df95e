using System.Net.Http.Headers;
using Actors.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>The Api's real pipeline and embedded silo on a real store: SQLite in a temporary folder or a fresh PostgreSQL schema.</summary>
public sealed class ApiFactory(TestStore store, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public ApiFactory() : this(TestStore.Sqlite())
    {
    }

    /// <summary>The administrator every factory configures (Api:AdminUser, Api:AdminPassword) unless its settings say otherwise.</summary>
    public const string AdminUser = "admin";
    public const string AdminPassword = "test-admin-password";

    private const int TestHashRounds = 1_000;

    public TestStore Store { get; } = store;

    public string DataDirectory => Store.DataDirectory;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Store.Settings)
            builder.UseSetting(key, value);
        builder.UseSetting("Api:AdminUser", AdminUser);
        builder.UseSetting("Api:AdminPassword", AdminPassword);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        // The in-memory test server has no socket, so requests arrive without a remote address; give them the
        // loopback address a local browser would have.
        builder.ConfigureServices(collection => collection.AddSingleton<IStartupFilter, LoopbackRemoteAddress>());
        // Every factory hashes its administrator's password once and verifies it on the first signed-in request; at
        // Identity's 100,000 PBKDF2 rounds that was a fifth of a second of CPU per test. The rounds are stored in each
        // hash, so fewer here change nothing a test can observe but the time.
        builder.ConfigureServices(collection => collection.Configure<PasswordHasherOptions>(hashing => hashing.IterationCount = TestHashRounds));
        if (services is not null)
            builder.ConfigureServices(services);
    }

    /// <summary>A client that keeps cookies per visitor; https so that the tracker's Secure cookies are sent back.</summary>
    public HttpClient Visitor() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = true });

    /// <summary>A client of the REST API that signs every request in with HTTP Basic authentication.</summary>
    public HttpClient ApiClient(string username = AdminUser, string password = AdminPassword)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic(username, password);
        return client;
    }

    /// <summary>The HTTP Basic credentials of <paramref name="username"/>; <c>ToString()</c> is the Authorization header's value.</summary>
    public static AuthenticationHeaderValue Basic(string username = AdminUser, string password = AdminPassword)
        => new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{username}:{password}")));

    /// <summary>
    /// Serves the factory over real Kestrel on a free loopback port, for what the in-memory test server does not do
    /// (parse chunking, drop a HEAD's body, add a Server header); the address it listens on.
    /// </summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    private sealed class LoopbackRemoteAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
                await nextMiddleware();
            });
            next(app);
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await Store.DisposeAsync();
    }
}
