using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Catalog;

/// <summary>
/// Deactivates the least recently used idle activations when the heap passes
/// <see cref="GrainCollectionOptions.MemoryUsageLimitPercentage"/> of the memory the process may use: as many as bring
/// it back to <see cref="GrainCollectionOptions.MemoryUsageTargetPercentage"/> if activations hold the heap in proportion
/// to their number (Orleans's estimate). Their state is stored, so the next call reactivates them from storage.
/// A deactivated activation's memory comes back only with the next full collection, so after shedding the silo waits for
/// one before it judges again: counted as use, the garbage it had just made would have it shed again and again.
/// </summary>
internal sealed class MemoryPressureShedder(GrainCatalog catalog, IMemoryUsageMonitor monitor, IOptions<GrainCollectionOptions> options, RuntimeLog log)
{
    private static readonly DeactivationReason PressureReason = new(DeactivationReasonCode.HighMemoryPressure, "memory use above its limit");
    private int? _fullCollectionsAtLastShed;

    public async Task RunAsync(CancellationToken stopping)
    {
        if (!options.Value.EnableActivationSheddingOnMemoryPressure)
            return;
        using var timer = new PeriodicTimer(options.Value.MemoryUsagePollingPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    ShedOnce();
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    // Memory this short is exactly when shedding must keep running: an allocation failing here must not end the loop.
                    log.SheddingFailed(failure);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads the memory use and, above the limit, starts deactivating the surplus; returns how many.</summary>
    public int ShedOnce()
    {
        var settings = options.Value;
        var usage = monitor.Read();
        if (usage.UsedPercent < settings.MemoryUsageLimitPercentage || usage.FullCollections == _fullCollectionsAtLastShed)
            return 0;
        var total = catalog.Count;
        var shed = LeastRecentlyUsedIdle((int)Math.Ceiling(total * (1 - settings.MemoryUsageTargetPercentage / usage.UsedPercent)));
        if (shed.Count == 0)
            return 0;
        log.SheddingActivations(usage.UsedPercent, usage.AvailableBytes, settings.MemoryUsageLimitPercentage, shed.Count, total);
        foreach (var activation in shed)
        {
            _ = activation.StartDeactivation(PressureReason);
            RuntimeInstruments.ActivationsShed.Add(1, new KeyValuePair<string, object?>("grain.type", activation.GrainType));
        }
        _fullCollectionsAtLastShed = usage.FullCollections;
        return shed.Count;
    }

    /// <summary>The <paramref name="count"/> idle activations used longest ago, kept in a heap whose top is the most recent of them.</summary>
    private List<ActivationData> LeastRecentlyUsedIdle(int count)
    {
        if (count <= 0)
            return [];
        var now = Environment.TickCount64;
        var oldest = new PriorityQueue<ActivationData, long>(count);
        foreach (var activation in catalog.Activations)
        {
            if (!activation.IsIdleLongerThan(TimeSpan.Zero, now))
                continue;
            if (oldest.Count < count)
                oldest.Enqueue(activation, -activation.LastActivityMs);
            else
                oldest.EnqueueDequeue(activation, -activation.LastActivityMs);
        }
        return [.. oldest.UnorderedItems.Select(item => item.Element)];
    }
}
