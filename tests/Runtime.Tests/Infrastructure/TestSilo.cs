using Actors.Runtime.Catalog;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Runtime.Tests.Infrastructure;

/// <summary>A real single silo in the test process, with in-memory storage and this assembly's test grains.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host) => _host = host;

    public IGrainFactory Factory => _host.Services.GetRequiredService<IGrainFactory>();
    public IServiceProvider Services => _host.Services;
    internal GrainCatalog Catalog => _host.Services.GetRequiredService<GrainCatalog>();

    /// <param name="memory">Replaces the silo's reading of its memory use, for shedding tests.</param>
    internal static async Task<TestSilo> StartAsync(IDictionary<string, string?>? settings = null, IMemoryUsageMonitor? memory = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSiloRuntime(builder.Configuration);
        builder.Services.AddGrainStorage(builder.Configuration.GetSection("Storage"));
        builder.Services.AddGrains(typeof(TestSilo).Assembly);
        if (memory is not null)
            builder.Services.AddSingleton(memory);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public T Grain<T>(string key) where T : IGrainWithStringKey => Factory.GetGrain<T>(key);

    public async Task StopAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
