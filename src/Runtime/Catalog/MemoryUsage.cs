namespace Actors.Runtime.Catalog;

/// <summary>The managed heap's use against the memory the process may use, and how many full collections have run so far.</summary>
internal readonly record struct MemoryUsage(long UsedBytes, long AvailableBytes, int FullCollections)
{
    public double UsedPercent => AvailableBytes <= 0 ? 0 : 100.0 * UsedBytes / AvailableBytes;
}

/// <summary>Reads the silo's memory use; a seam so shedding can be tested without filling the heap.</summary>
internal interface IMemoryUsageMonitor
{
    MemoryUsage Read();
}

/// <summary>
/// Memory use as the garbage collector sees it: the heap's live and not yet collected bytes plus its fragmentation,
/// against <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>, which is the container's limit (or the heap hard limit)
/// when there is one and the machine's memory otherwise.
/// </summary>
internal sealed class GcMemoryUsageMonitor : IMemoryUsageMonitor
{
    public MemoryUsage Read()
    {
        var info = GC.GetGCMemoryInfo();
        return new MemoryUsage(GC.GetTotalMemory(forceFullCollection: false) + info.FragmentedBytes, info.TotalAvailableMemoryBytes, GC.CollectionCount(2));
    }
}
