using Actors.Grains.Contacts;
using Actors.Grains.Hosting;
using Actors.Grains.Storage.Events;
using Actors.Grains.Storage.Events.Memory;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Runtime;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Actors.Runtime.Persistence.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Grains.Tests.Infrastructure;

/// <summary>
/// A real silo with this product's grains and in-memory storage. Passing the storage and event log of a stopped
/// silo to a new one simulates a restart: every activation is gone, every stored state and event is still there.
/// </summary>
public sealed class ContactSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private readonly TimeSpan? _responseTimeout;

    private readonly Action<IServiceCollection>? _services;

    private ContactSilo(IHost host, MemoryGrainStorage storage, MemoryEventLog events, TimeSpan? responseTimeout, Action<IServiceCollection>? services)
    {
        _host = host;
        _responseTimeout = responseTimeout;
        _services = services;
        Storage = storage;
        Events = events;
    }

    public MemoryGrainStorage Storage { get; }
    public MemoryEventLog Events { get; }
    public IGrainFactory Factory => _host.Services.GetRequiredService<IGrainFactory>();
    public IServiceProvider Services => _host.Services;

    /// <param name="responseTimeout">How long a call waits (30 s by default); a short one turns a deadlock into a quick failure.</param>
    /// <param name="services">Changes to the silo's services after its own, such as storage that fails on cue.</param>
    public static async Task<ContactSilo> StartAsync(MemoryGrainStorage? storage = null, MemoryEventLog? events = null, TimeSpan? responseTimeout = null,
        Action<IServiceCollection>? services = null)
    {
        storage ??= new MemoryGrainStorage();
        events ??= new MemoryEventLog();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" };
        if (responseTimeout is { } timeout)
            settings["Messaging:ResponseTimeout"] = timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSiloRuntime(builder.Configuration);
        builder.Services.AddGrainStorage(builder.Configuration.GetSection("Storage"));
        builder.Services.AddContactGrains(builder.Configuration);
        builder.Services.AddSingleton<IEventLog>(events);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new ContactSilo(host, storage, events, responseTimeout, services);
    }

    /// <summary>Stops this silo and starts another on the same storage.</summary>
    public async Task<ContactSilo> RestartAsync()
    {
        await DisposeAsync();
        return await StartAsync(Storage, Events, _responseTimeout, _services);
    }

    /// <summary>Rewrites a contact's stored state while this silo is stopped, as a crash could have left it.</summary>
    internal async Task ChangeStoredContact(long contactId, Action<ContactState> change)
    {
        var grainId = new GrainId("contact", contactId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var record = new GrainState<ContactState>();
        await Storage.ReadStateAsync("contact", grainId, record);
        change(record.State);
        await Storage.WriteStateAsync("contact", grainId, record);
    }

    /// <summary>A contact's state as stored, not as its activation holds it.</summary>
    internal async Task<ContactState> StoredContact(long contactId)
    {
        var record = new GrainState<ContactState>();
        await Storage.ReadStateAsync("contact", new GrainId("contact", contactId.ToString(System.Globalization.CultureInfo.InvariantCulture)), record);
        return record.State;
    }

    /// <summary>A contact's stored payload as JSON, as every build reads it, before the state's own reading shapes it.</summary>
    internal async Task<Dictionary<string, System.Text.Json.JsonElement>> StoredPayload(long contactId)
    {
        var record = new GrainState<Dictionary<string, System.Text.Json.JsonElement>>();
        await Storage.ReadStateAsync("contact", new GrainId("contact", contactId.ToString(System.Globalization.CultureInfo.InvariantCulture)), record);
        return record.State;
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
