using Actors.Interfaces.Contacts;
using Actors.Runtime;

namespace Actors.Grains.Contacts;

/// <summary>
/// A silo's local supply of contact ids: it takes blocks from the allocator grain and hands their ids
/// out one by one, so creating a contact costs a grain call once per <see cref="BlockSize"/> contacts.
/// Ids left in a block when the silo stops are skipped, never reused. Safe for concurrent callers.
/// </summary>
public sealed class ContactIdSource(IGrainFactory grainFactory)
{
    public const int BlockSize = 100;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _refill = new(1, 1);
    private long _next;
    private long _end;

    public async Task<long> Next()
    {
        while (true)
        {
            if (TryTake(out var id))
                return id;
            await _refill.WaitAsync();
            try
            {
                // Another caller may have refilled while this one waited; only an empty source asks the allocator.
                if (TryTake(out id))
                    return id;
                var block = await grainFactory.GetGrain<IContactIdAllocatorGrain>(IContactIdAllocatorGrain.Key).Reserve(BlockSize);
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
