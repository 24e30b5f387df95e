using Actors.Interfaces.Catalogs;
using Actors.Runtime.Text;

namespace Actors.Grains.Catalogs;

/// <summary>
/// A catalog's state with the lookups its grain answers, each one hash probe: entries by id, by every held key folded
/// to <see cref="LowerCase.Of"/> (the fold that makes two names one, <see cref="Interfaces.Tags.Tag.NameComparer"/>),
/// and the ids being removed. Scanning the entries instead cost a lower-cased copy of every key per name looked up, so
/// a few thousand tags named at once stalled the grain for minutes. Built from the state as loaded; every change to
/// the state goes through here, so the two never part. The entries keep their stored order, which lists answer in.
/// </summary>
internal sealed class CatalogIndex<T> where T : class, ICatalogEntry<T>
{
    private readonly Dictionary<long, T> _byId = [];

    // Holders in list order: more than one only in a state stored while the fold still told their keys apart (before
    // "İ" became "i"); the first that is not the entry asking is the holder, as a scan of the list found it.
    private readonly Dictionary<string, T[]> _byKey = new(StringComparer.Ordinal);

    private readonly HashSet<long> _removing;

    public CatalogIndex(CatalogState<T> state)
    {
        State = state;
        foreach (var entry in state.Entries)
            Index(entry);
        _removing = [.. state.Removing];
    }

    public CatalogState<T> State { get; }

    public bool IsRemoving(long id) => _removing.Contains(id);

    /// <summary>The entry with this id, being removed or not.</summary>
    public T? Find(long id) => _byId.GetValueOrDefault(id);

    /// <summary>Every entry, in stored order, that is being removed (<paramref name="removing"/>) or not.</summary>
    public T[] Entries(bool removing) => State.Entries.Where(e => _removing.Contains(e.Id) == removing).ToArray();

    /// <summary>
    /// The entry other than <paramref name="exceptId"/> holding one of <paramref name="entry"/>'s keys, if any: keys
    /// are one when their lower case is, the fold every search compares names with, so no two entries answer one name.
    /// </summary>
    public T? Holder(T entry, long? exceptId)
    {
        foreach (var key in entry.HeldKeys)
        {
            if (Holder(key, exceptId) is { } holder)
                return holder;
        }
        return null;
    }

    public T? Holder(string? key, long? exceptId)
    {
        if (key is null || !_byKey.TryGetValue(LowerCase.Of(key), out var holders))
            return null;
        foreach (var holder in holders)
        {
            if (holder.Id != exceptId)
                return holder;
        }
        return null;
    }

    /// <summary>Stores <paramref name="candidate"/> under a fresh id, after every other entry, and answers it.</summary>
    public T Append(T candidate)
    {
        var stored = candidate.WithId(++State.HighWater);
        State.Entries.Add(stored);
        Index(stored);
        return stored;
    }

    /// <summary>Puts <paramref name="entry"/> where the entry with its id is; the caller made sure there is one.</summary>
    public void Replace(T entry)
    {
        Unindex(_byId[entry.Id]);
        // A scan, but without a copy per entry, and only for an operator's edit.
        State.Entries[State.Entries.FindIndex(e => e.Id == entry.Id)] = entry;
        Index(entry);
    }

    public void MarkRemoving(long id)
    {
        if (_removing.Add(id))
            State.Removing.Add(id);
    }

    public void Remove(T entry)
    {
        Unindex(entry);
        State.Entries.RemoveAt(State.Entries.FindIndex(e => e.Id == entry.Id));
        if (_removing.Remove(entry.Id))
            State.Removing.Remove(entry.Id);
    }

    private void Index(T entry)
    {
        _byId[entry.Id] = entry;
        foreach (var key in entry.HeldKeys)
        {
            var folded = LowerCase.Of(key);
            if (!_byKey.TryGetValue(folded, out var holders))
                _byKey[folded] = [entry];
            else if (!holders.Contains(entry))
                _byKey[folded] = [.. holders, entry];
        }
    }

    private void Unindex(T entry)
    {
        _byId.Remove(entry.Id);
        foreach (var key in entry.HeldKeys)
        {
            var folded = LowerCase.Of(key);
            if (!_byKey.TryGetValue(folded, out var holders))
                continue;
            var rest = Array.FindAll(holders, h => h.Id != entry.Id);
            if (rest.Length == 0)
                _byKey.Remove(folded);
            else
                _byKey[folded] = rest;
        }
    }
}
