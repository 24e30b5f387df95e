namespace Actors.Api.Catalogs;

/// <summary>
/// Keeps what one read answered for <paramref name="freshness"/>, for data every request needs and operators change
/// rarely (the field catalog, the entries contacts point at). <see cref="Invalidate"/> drops it; a read that was in
/// flight while it was invalidated is answered but not kept, since it may predate the change.
/// </summary>
public sealed class ReadThroughCache<T>(TimeProvider clock, TimeSpan freshness, Func<Task<T>> read) where T : class
{
    private sealed record Entry(T Value, DateTimeOffset ReadAt);

    private volatile Entry? _current;
    private int _generation;

    public async ValueTask<T> GetAsync()
    {
        var current = _current;
        if (current is not null && clock.GetUtcNow() - current.ReadAt < freshness)
            return current.Value;
        var generation = Volatile.Read(ref _generation);
        var readAt = clock.GetUtcNow();
        var value = await read();
        if (Volatile.Read(ref _generation) == generation)
            _current = new Entry(value, readAt);
        return value;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _current = null;
    }
}
