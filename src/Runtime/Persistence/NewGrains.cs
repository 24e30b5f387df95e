using System.Collections.Concurrent;
using Actors.Runtime.Catalog;

namespace Actors.Runtime.Persistence;

/// <summary>
/// Grains whose key their caller has just made (a random tracking id, an id from a block allocator), so that no storage
/// can hold state for them. Loading that state is a storage read that can only miss; on SQLite, where a read comes
/// after other connections' commits, it costs a new visitor's hit about as much CPU as its writes. While the scope
/// <see cref="Expect{TGrainInterface}"/> returns is open, the first activation of that grain on this silo starts from
/// empty state (no ETag) without reading.
/// Wrong only if the caller is: then the grain's first write, a create without ETag, is refused by the compare-and-set
/// (<see cref="InconsistentStateException"/>), so a stored record is never overwritten. A grain placed on another silo
/// reads as usual there.
/// </summary>
public sealed class NewGrains
{
    private readonly GrainTypeRegistry _types;
    private readonly ConcurrentDictionary<GrainId, byte> _expected = new();

    internal NewGrains(GrainTypeRegistry types) => _types = types;

    /// <summary>Declares that no state was ever stored for this grain, until the returned scope is disposed.</summary>
    public IDisposable Expect<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        var grainId = new GrainId(_types.TypeNameOf(typeof(TGrainInterface)), primaryKey);
        _expected.TryAdd(grainId, 0);
        return new Scope(this, grainId);
    }

    /// <summary>Whether an activation being created may skip its read; true once per expected grain.</summary>
    internal bool TakeExpected(GrainId grainId) => !_expected.IsEmpty && _expected.TryRemove(grainId, out _);

    private sealed class Scope(NewGrains owner, GrainId grainId) : IDisposable
    {
        public void Dispose() => owner._expected.TryRemove(grainId, out _);
    }
}
