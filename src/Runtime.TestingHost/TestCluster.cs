using System.Net;
using System.Net.Sockets;
using Actors.Runtime.Catalog;
using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Actors.Runtime.Membership.Memory;
using Actors.Runtime.MembershipService;
using Actors.Runtime.Messaging;
using Actors.Runtime.Persistence.Memory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.TestingHost;

/// <summary>
/// N silos in one test process (Orleans's InProcessTestCluster), each a real WebApplication with its own HTTP/2
/// silo port on loopback, all sharing one membership table, plus a cluster client. Silos can be added, killed
/// (ungracefully: server and timers stop, the table is not written), stopped gracefully and restarted (same port,
/// new generation). By default the silos share one in-memory grain storage, so state survives a silo.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly List<SiloHandle> _silos = [];
    private readonly MemoryGrainStorage _sharedStorage = new();
    private readonly Lock _lock = new();
    private IHost? _client;
    private int _nextIndex;
    private int _lastGeneration;

    private TestCluster(TestClusterOptions options)
    {
        _options = options;
        MembershipTable = options.MembershipTable ?? new InMemoryMembershipTable();
    }

    public IMembershipTable MembershipTable { get; }
    public string ClusterId => _options.ClusterId;

    /// <summary>Every silo started so far, running or not.</summary>
    public IReadOnlyList<SiloHandle> Silos { get { lock (_lock) return [.. _silos]; } }
    public IReadOnlyList<SiloHandle> RunningSilos => [.. Silos.Where(s => s.IsRunning)];

    /// <summary>The grain factory of the cluster client: calls go to the owning silo, nothing runs in the client.</summary>
    public IGrainFactory Client => ClientServices.GetRequiredService<IGrainFactory>();
    public IServiceProvider ClientServices => _client?.Services ?? throw new InvalidOperationException("The client was not started.");

    public static async Task<TestCluster> StartAsync(TestClusterOptions? options = null)
    {
        var cluster = new TestCluster(options ?? new TestClusterOptions());
        try
        {
            for (var i = 0; i < cluster._options.InitialSilosCount; i++)
                await cluster.StartAdditionalSiloAsync();
            await cluster.StartClientAsync();
            await cluster.WaitForLivenessToStabilizeAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    public Task<SiloHandle> StartAdditionalSiloAsync() => StartSiloAsync(FreePort());

    /// <summary>Stops the silo as a crash would: the table still shows it Active until the others vote it dead.</summary>
    public async Task KillSiloAsync(SiloHandle silo)
    {
        if (!silo.IsRunning)
            return;
        silo.IsRunning = false;
        silo.Services.GetRequiredService<SiloCrash>().Crash();
        try
        {
            // An already-cancelled stop is how Orleans's test cluster crashes a silo: nothing waits for anything.
            await silo.App!.StopAsync(new CancellationToken(canceled: true));
        }
        catch (Exception cancelled) when (cancelled is OperationCanceledException
            || cancelled is AggregateException { InnerExceptions: var inner } && inner.All(e => e is OperationCanceledException))
        {
            // Hosted services that honour the token give up at once, as a crash would make them.
        }
        await silo.App!.DisposeAsync();
    }

    /// <summary>Stops the silo gracefully: ShuttingDown, deactivation (pending work forwarded), Dead.</summary>
    public async Task StopSiloAsync(SiloHandle silo)
    {
        if (!silo.IsRunning)
            return;
        silo.IsRunning = false;
        await silo.App!.StopAsync();
        await silo.App.DisposeAsync();
    }

    /// <summary>Stops the silo gracefully and starts it again on the same port, as a new generation.</summary>
    public async Task<SiloHandle> RestartSiloAsync(SiloHandle silo)
    {
        await StopSiloAsync(silo);
        return await StartSiloAsync(silo.Address.Port);
    }

    /// <summary>Starts a silo on <paramref name="port"/> with the given generation (tests of superseded generations pick their own).</summary>
    public async Task<SiloHandle> StartSiloAsync(int port, int? generation = null)
    {
        SiloHandle handle;
        lock (_lock)
        {
            var next = generation ?? Math.Max(SiloAddress.NewGeneration(), _lastGeneration + 1);
            _lastGeneration = Math.Max(_lastGeneration, next);
            handle = new SiloHandle(_nextIndex++, new SiloAddress("127.0.0.1", port, next));
            _silos.Add(handle);
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(TestCluster).Assembly.GetName().Name });
        builder.Configuration.AddInMemoryCollection(Settings(port));
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));

        builder.Services.AddSingleton(_sharedStorage);
        builder.Services.AddSiloRuntime(builder.Configuration);
        builder.Services.AddGrainStorage(builder.Configuration.GetSection(StorageOptions.SectionName));
        builder.Services.AddSingleton(MembershipTable);
        builder.Services.AddSingleton(new LocalSilo(handle.Address, handle.Name));
        builder.Services.AddSingleton<IFatalErrorHandler>(new TestFatalErrorHandler(handle, KillSiloAsync));
        builder.Services.AddClusterMembership(builder.Configuration);
        _options.ConfigureSilo?.Invoke(new TestSiloConfiguration(builder.Services, builder.Configuration, handle.Index));

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (handle.DropIncomingPings && context.Request.Path == SiloConnections.PingPath)
            {
                context.Abort();
                return;
            }
            await next(context);
        });
        app.MapSiloMessaging(port);
        handle.App = app;
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        handle.IsRunning = true;
        return handle;
    }

    private async Task StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Settings(ClusterOptions.DefaultSiloPort));
        builder.Services.AddSingleton(MembershipTable);
        foreach (var assembly in Silos[0].Services.GetServices<GrainAssembly>())
            builder.Services.AddSingleton(assembly);
        builder.Services.AddClusterClient(builder.Configuration);
        _options.ConfigureClient?.Invoke(builder.Services, builder.Configuration);
        _client = builder.Build();
        await _client.StartAsync();
    }

    /// <summary>
    /// Waits until every running silo and the client see exactly the running silos as Active (Orleans's
    /// WaitForLivenessToStabilizeAsync, which waits a fixed time; this one polls the views and fails if they never agree).
    /// </summary>
    public async Task WaitForLivenessToStabilizeAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? StabilizationTime() * 4 + TimeSpan.FromSeconds(10));
        while (true)
        {
            var running = RunningSilos;
            var expected = running.Select(s => s.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
            var views = running.Select(s => s.View).ToList();
            if (_client is not null)
            {
                await ClientServices.GetRequiredService<IClusterMembershipService>().RefreshAsync();
                views.Add(ClientServices.GetRequiredService<IClusterMembershipService>().CurrentView);
            }
            if (views.All(v => v.ActiveSilos.SequenceEqual(expected)))
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Membership did not stabilise: expected [{string.Join(", ", expected)}], views: {string.Join(" | ", views.Select(v => $"v{v.Version} [{string.Join(", ", v.ActiveSilos)}]"))}");
            await Task.Delay(50);
        }
    }

    /// <summary>Orleans's GetLivenessStabilizationTime after a kill: probe period × missed-probe limit, plus a refresh.</summary>
    public TimeSpan StabilizationTime()
    {
        var membership = Silos.FirstOrDefault(s => s.IsRunning)?.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value ?? new ClusterMembershipOptions();
        return membership.ProbeTimeout * (membership.NumMissedProbesLimit + 1) + membership.TableRefreshTimeout;
    }

    /// <summary>The silo whose ring owns <paramref name="grain"/> under the client's view.</summary>
    public SiloHandle OwnerOf(GrainId grain)
    {
        var owner = ClientServices.GetRequiredService<Placement.GrainPlacement>().Current.OwnerOf(grain);
        return RunningSilos.Single(s => s.Address == owner);
    }

    private Dictionary<string, string?> Settings(int port)
    {
        var settings = new Dictionary<string, string?>(TestClusterOptions.FastMembership)
        {
            ["Cluster:ClusterId"] = _options.ClusterId,
            ["Cluster:SiloPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:AdvertisedHost"] = "127.0.0.1",
            ["Storage:Provider"] = "Memory",
        };
        foreach (var (key, value) in _options.Settings)
            settings[key] = value;
        return settings;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        await Task.WhenAll(RunningSilos.Select(KillSiloAsync));
    }
}
