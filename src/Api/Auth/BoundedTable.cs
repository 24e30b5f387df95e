using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Actors.Api.Auth;

/// <summary>
/// A concurrent map of at most <c>capacity</c> entries, for the sign-in throttle's tables, whose keys a client
/// chooses (its address, the username it sends): a flood of distinct keys must not grow them without limit. When
/// full, the entries <c>expired</c> calls finished are dropped to make room; when every one is live, a new key is not
/// added and the caller decides what that means. A sweep reads the whole table, so while it stays full of live
/// entries, it is swept at most once per <see cref="SweepInterval"/>, not on every request.
/// </summary>
internal sealed class BoundedTable<TKey, TValue>(int capacity, Func<TValue, DateTimeOffset, bool> expired) where TKey : notnull
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();
    private readonly Lock _sweep = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    /// <summary>Whether <paramref name="key"/> is held or may be added now, dropping expired entries if the table is full.</summary>
    public bool HasRoomFor(TKey key, DateTimeOffset now) => _entries.ContainsKey(key) || _entries.Count < capacity || MakeRoom(now);

    /// <summary>Adds or updates <paramref name="key"/>; false, changing nothing, when it is new and the table is full of live entries.</summary>
    public bool AddOrUpdate(TKey key, DateTimeOffset now, Func<TValue> add, Func<TValue, TValue> update, [MaybeNullWhen(false)] out TValue value)
    {
        if (!HasRoomFor(key, now))
        {
            value = default;
            return false;
        }
        value = _entries.AddOrUpdate(key, _ => add(), (_, old) => update(old));
        return true;
    }

    private bool MakeRoom(DateTimeOffset now)
    {
        lock (_sweep)
        {
            if (now < _nextSweep)
                return _entries.Count < capacity;
            foreach (var (key, value) in _entries)
            {
                if (expired(value, now))
                    _entries.TryRemove(key, out _);
            }
            var room = _entries.Count < capacity;
            _nextSweep = room ? DateTimeOffset.MinValue : now + SweepInterval;
            return room;
        }
    }
}
