using Actors.Grains.Persistence;
using Actors.Interfaces.Contacts;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Contacts;

internal sealed class AllocatorState
{
    /// <summary>The last id ever handed out (0: none yet, so ids start at 1).</summary>
    public long HighWater { get; set; }
}

/// <summary>
/// The cluster-wide source of contact ids. The new high-water mark is stored before a block leaves the
/// grain, so a crash can waste the ids of a block but never hand one out twice.
/// </summary>
internal sealed class ContactIdAllocatorGrain(
    [PersistentState("allocator")] IPersistentState<AllocatorState> allocator) : Grain, IContactIdAllocatorGrain
{
    public async Task<IdBlock> Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var first = allocator.State.HighWater + 1;
        allocator.State.HighWater += count;
        await allocator.WriteOrReloadAsync();
        return new IdBlock(first, count);
    }
}
