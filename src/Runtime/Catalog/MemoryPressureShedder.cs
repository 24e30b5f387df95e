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
    private const int Slices = 1024;
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
        var shed = DeactivateLeastRecentlyUsedIdle((int)Math.Ceiling(total * (1 - settings.MemoryUsageTargetPercentage / usage.UsedPercent)));
        if (shed == 0)
            return 0;
        log.SheddingActivations(usage.UsedPercent, usage.AvailableBytes, settings.MemoryUsageLimitPercentage, shed, total);
        _fullCollectionsAtLastShed = usage.FullCollections;
        return shed;
    }

    /// <summary>
    /// Starts deactivating the <paramref name="count"/> idle activations used longest ago. It runs when memory is short,
    /// so it allocates nothing that grows with the silo (a list or heap of 20,000 candidates lands on the large object
    /// heap, and that allocation was what failed): one pass finds the range of last use, a second counts the idle
    /// activations in each of <see cref="Slices"/> slices of it, and a third deactivates every slice older than the one
    /// where the count is reached and, from that one, as many as are still needed.
    /// </summary>
    private int DeactivateLeastRecentlyUsedIdle(int count)
    {
        if (count <= 0)
            return 0;
        var now = Environment.TickCount64;
        long oldest = long.MaxValue, newest = long.MinValue;
        foreach (var activation in catalog.Activations)
        {
            if (!activation.IsIdleLongerThan(TimeSpan.Zero, now))
                continue;
            oldest = Math.Min(oldest, activation.LastActivityMs);
            newest = Math.Max(newest, activation.LastActivityMs);
        }
        if (oldest > newest)
            return 0;

        var width = (newest - oldest) / Slices + 1;
        Span<int> idleInSlice = stackalloc int[Slices];
        foreach (var activation in catalog.Activations)
        {
            if (activation.IsIdleLongerThan(TimeSpan.Zero, now) && SliceOf(activation) is var slice and < Slices)
                idleInSlice[(int)slice]++;
        }
        var (cutoff, olderThanCutoff) = (0, 0);
        while (cutoff < Slices - 1 && olderThanCutoff + idleInSlice[cutoff] < count)
            olderThanCutoff += idleInSlice[cutoff++];

        var fromCutoff = count - olderThanCutoff;
        var shed = 0;
        foreach (var activation in catalog.Activations)
        {
            var slice = SliceOf(activation);
            if (slice > cutoff || (slice == cutoff && fromCutoff == 0) || !activation.IsIdleLongerThan(TimeSpan.Zero, now))
                continue;
            if (slice == cutoff)
                fromCutoff--;
            _ = activation.StartDeactivation(PressureReason);
            RuntimeInstruments.ActivationsShed.Add(1, new KeyValuePair<string, object?>("grain.type", activation.GrainType));
            shed++;
        }
        return shed;

        long SliceOf(ActivationData activation) => (activation.LastActivityMs - oldest) / width;
    }
}
