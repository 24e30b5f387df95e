using Actors.Interfaces.Contacts;
using Actors.Runtime;

namespace Actors.Grains.Contacts;

/// <summary>
/// A silo's local supply of contact ids: it takes blocks from the allocator grain and hands their ids
/// out one by one, so creating a contact costs a grain call once per <see cref="BlockSize"/> contacts. When more callers
/// wait for a refill than one block serves (an import creates hundreds of contacts at once), the refill takes a block
/// for all of them, so they do not queue behind one refill after another.
/// Ids left in a block when the silo stops are skipped, never reused. Safe for concurrent callers.
/// </summary>
public sealed class ContactIdSource(IGrainFactory grainFactory)
{
    public const int BlockSize = 100;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _refill = new(1, 1);
    private long _next;
    private long _end;
    private int _waiting;

    public async Task<long> Next()
    {
        while (true)
        {
            if (TryTake(out var id))
                return id;
            Interlocked.Increment(ref _waiting);
            await _refill.WaitAsync();
            Interlocked.Decrement(ref _waiting);
            try
            {
                // Another caller may have refilled while this one waited; only an empty source asks the allocator.
                if (TryTake(out id))
                    return id;
                var wanted = Volatile.Read(ref _waiting) + 1;
                var size = (wanted + BlockSize - 1) / BlockSize * BlockSize;
                var block = await grainFactory.GetGrain<IContactIdAllocatorGrain>(IContactIdAllocatorGrain.Key).Reserve(size);
                lock (_gate)
                {
                    _next = block.First;
                    _end = block.First + block.Count;
                }
            }
            finally
            {
                _refill.Release();
            }
        }
    }

    private bool TryTake(out long id)
    {
        lock (_gate)
        {
            id = _next < _end ? _next++ : 0;
            return id != 0;
        }
    }
}
