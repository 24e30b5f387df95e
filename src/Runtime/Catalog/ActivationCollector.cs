using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Catalog;

/// <summary>
/// Deactivates activations that stayed idle (nothing running, nothing queued, no recent activity)
/// longer than their collection age. It wakes every <see cref="GrainCollectionOptions.CollectionQuantum"/>
/// and scans the catalog: Orleans keeps time buckets to avoid the scan, but a scan of 100,000
/// activations once a minute costs a few milliseconds, so the simpler structure wins here.
/// </summary>
internal sealed class ActivationCollector(GrainCatalog catalog, IOptions<GrainCollectionOptions> options, RuntimeLog log)
{
    private static readonly DeactivationReason IdleReason = new(DeactivationReasonCode.ActivationIdle, "idle longer than its collection age");

    public async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.CollectionQuantum);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
                CollectOnce();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Starts deactivating every activation idle past its age; returns how many.</summary>
    public int CollectOnce()
    {
        var now = Environment.TickCount64;
        var collected = 0;
        foreach (var activation in catalog.Activations)
        {
            if (!activation.IsIdleLongerThan(options.Value.CollectionAgeFor(activation.GrainType), now))
                continue;
            _ = activation.StartDeactivation(IdleReason);
            collected++;
        }
        if (collected > 0)
            log.CollectedIdle(collected);
        return collected;
    }
}
