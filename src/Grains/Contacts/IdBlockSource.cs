using Actors.Interfaces.Contacts;
using Actors.Runtime;

namespace Actors.Grains.Contacts;

/// <summary>
/// A silo's local supply of ids from one allocator grain (<see cref="IContactIdAllocatorGrain"/>, keyed by what it
/// numbers): it takes blocks from the grain and hands their ids out one by one, so a new contact or UTM row costs a
/// grain call (and the allocator a durable write) once per <see cref="BlockSize"/> ids. The next block is reserved in
/// the background once fewer than <see cref="RefillBelow"/> ids are left, so a steady stream of new visitors never
/// stops to wait for the allocator's commit. When more callers wait than a block serves (an import creates hundreds of
/// contacts at once), the reservation takes enough for all of them. Ids left in a block when the silo stops are
/// skipped, never reused. Safe for concurrent callers.
/// </summary>
public abstract class IdBlockSource(IGrainFactory grainFactory, string allocatorKey)
{
    public const int BlockSize = 1000;

    /// <summary>Ids left in the current block below which the next block is reserved ahead of need.</summary>
    public const int RefillBelow = BlockSize / 2;

    private readonly Lock _gate = new();
    private long _next;
    private long _end;
    private IdBlock? _spare;
    private Task? _reserving;
    private int _waiting;

    /// <summary>Ids on hand: what is left of the current block and the block reserved ahead.</summary>
    public long Available
    {
        get
        {
            lock (_gate)
                return _end - _next + (_spare?.Count ?? 0);
        }
    }

    public async Task<long> Next()
    {
        while (true)
        {
            Task reserving;
            lock (_gate)
            {
                if (_next >= _end && _spare is { } spare)
                {
                    (_next, _end, _spare) = (spare.First, spare.First + spare.Count, null);
                }
                if (_next < _end)
                {
                    var id = _next++;
                    if (_end - _next < RefillBelow && _spare is null)
                        ReserveLocked();
                    return id;
                }
                reserving = ReserveLocked();
                _waiting++;
            }
            try
            {
                await reserving;
            }
            finally
            {
                lock (_gate)
                    _waiting--;
            }
        }
    }

    /// <summary>The reservation under way, or a new one; it runs outside the caller's activation, as a front-end call would.</summary>
    private Task ReserveLocked()
    {
        if (_reserving is { IsCompleted: false } underWay)
            return underWay;
        var wanted = _waiting + 1;
        var size = Math.Max(BlockSize, (wanted + BlockSize - 1) / BlockSize * BlockSize);
        _reserving = Task.Run(async () =>
        {
            var block = await grainFactory.GetGrain<IContactIdAllocatorGrain>(allocatorKey).Reserve(size);
            lock (_gate)
            {
                if (_next < _end)
                    _spare = block;
                else
                    (_next, _end) = (block.First, block.First + block.Count);
            }
        });
        // A reservation made ahead of need that fails has nobody awaiting it; the next caller simply starts another.
        _reserving.ContinueWith(static failed => _ = failed.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        return _reserving;
    }
}
