using Actors.Runtime.Catalog;
using Actors.Runtime.MembershipService;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

/// <summary>
/// Starts and stops the local silo with the host. Start-up creates or migrates every storage schema
/// before anything is served, so a bad database stops the process instead of leaving it half-running;
/// shutdown deactivates every activation after its in-flight requests finish (a crashed silo deactivates nothing).
/// </summary>
internal sealed class SiloLifecycleService(
    IEnumerable<IStorageLifecycle> storages,
    GrainCatalog catalog,
    ActivationCollector collector,
    MemoryPressureShedder shedder,
    IOptions<GrainCollectionOptions> collection,
    SiloCrash crash) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _collecting = Task.CompletedTask;
    private Task _shedding = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var storage in storages.Distinct())
        {
            try
            {
                await storage.InitializeAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not SiloStartupException and not OperationCanceledException)
            {
                throw new SiloStartupException($"Storage could not be reached or initialised ({storage.GetType().Name}); check Storage:Provider and Storage:ConnectionString: {exception.Message}", exception);
            }
        }
        _collecting = collector.RunAsync(_stopping.Token);
        _shedding = shedder.RunAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _collecting;
        await _shedding;
        // A crashed silo (killed, or declared dead) must not run grain code or write state any more.
        if (crash.IsCrashed)
            catalog.Abandon();
        else
            await catalog.StopAsync(collection.Value.DeactivationTimeout);
    }
}

/// <summary>The silo cannot start; the message says which setting or dependency is at fault.</summary>
public sealed class SiloStartupException(string message, Exception? innerException = null) : Exception(message, innerException);
