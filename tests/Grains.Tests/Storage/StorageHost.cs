using Actors.Grains.Storage.Contacts;
using Actors.Grains.Storage.Events;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Storage;

/// <summary>A test's store with the event log and the contacts table started on it, as a silo starts them.</summary>
public abstract class StorageHost(StorageProvider provider) : IAsyncLifetime
{
    ServiceProvider services = null!;

    protected TestDatabase Database { get; private set; } = null!;

    protected EventLogWriter Writer => services.GetRequiredService<EventLogWriter>();

    protected IEventLog Log => services.GetRequiredService<IEventLog>();

    protected IGrainStorage Contacts => services.GetRequiredKeyedService<IGrainStorage>(ContactTableStorage.StorageName);

    protected T Service<T>() where T : notnull => services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        services = new ServiceCollection()
            .AddLogging()
            .AddEventLog(Database.Configuration)
            .AddContactTable(Database.Configuration)
            .AddSingleton<IContactRowProjection, TestContactProjection>()
            .BuildServiceProvider();
        await services.GetRequiredService<IStorageLifecycle>().InitializeAsync(CancellationToken.None);
        await Writer.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        // The store is deleted even when stopping fails, so a failing test leaves no schema or folder behind.
        try
        {
            await Writer.StopAsync(CancellationToken.None);
            await services.DisposeAsync();
        }
        finally
        {
            await Database.DisposeAsync();
        }
    }
}
