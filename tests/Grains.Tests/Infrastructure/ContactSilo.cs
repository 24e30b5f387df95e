using Actors.Grains.Hosting;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Runtime;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Grains.Tests.Infrastructure;

/// <summary>
/// A real silo with this product's grains and in-memory storage. Passing the storage of a stopped silo
/// to a new one simulates a restart: every activation is gone, every stored state is still there.
/// </summary>
public sealed class ContactSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private ContactSilo(IHost host, MemoryGrainStorage storage)
    {
        _host = host;
        Storage = storage;
    }

    public MemoryGrainStorage Storage { get; }
    public IGrainFactory Factory => _host.Services.GetRequiredService<IGrainFactory>();
    public IServiceProvider Services => _host.Services;

    public static async Task<ContactSilo> StartAsync(MemoryGrainStorage? storage = null)
    {
        storage ??= new MemoryGrainStorage();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" });
        builder.Services.AddSingleton(storage);
        builder.Services.AddSiloRuntime(builder.Configuration);
        builder.Services.AddGrainStorage(builder.Configuration.GetSection("Storage"));
        builder.Services.AddContactGrains(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new ContactSilo(host, storage);
    }

    /// <summary>Stops this silo and starts another on the same storage.</summary>
    public async Task<ContactSilo> RestartAsync()
    {
        await DisposeAsync();
        return await StartAsync(Storage);
    }

    public IContactGrain Contact(long id) => Factory.GetContact(id);

    public IDeviceGrain Device(string id) => Factory.GetGrain<IDeviceGrain>(id);

    public Task<TrackResult> Track(string deviceId, PageHit page) => Device(deviceId).Track(new TrackHit { Page = page });

    public async Task<ContactSnapshot> Snapshot(long id)
        => await Contact(id).Get() ?? throw new InvalidOperationException($"Contact {id} does not exist.");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
