using Actors.Grains.Persistence;
using Actors.Interfaces.Catalogs;
using Actors.Runtime;
using Actors.Runtime.Persistence;
using Actors.Runtime.Text;

namespace Actors.Grains.Catalogs;

internal sealed class CatalogState<T>
{
    /// <summary>The last id handed out (0: none yet), so a removed entry's id never comes back.</summary>
    public long HighWater { get; set; }

    public List<T> Entries { get; set; } = [];

    /// <summary>The ids of entries being removed: kept until their contacts are swept, answered by no read.</summary>
    public List<long> Removing { get; set; } = [];
}

/// <summary>
/// One kind's entries (see <see cref="IEntityCatalogGrain{T}"/>). Every change is stored before it is answered; a
/// failed write reloads what is stored, so the catalog never answers from a change that was lost.
/// </summary>
internal abstract class EntityCatalogGrain<T>(IPersistentState<CatalogState<T>> catalog) : Grain, IEntityCatalogGrain<T>
    where T : class, ICatalogEntry<T>
{
    private List<T> Entries => catalog.State.Entries;

    private List<long> Removing => catalog.State.Removing;

    public Task<IReadOnlyList<T>> List() => Task.FromResult<IReadOnlyList<T>>(Entries.Where(e => !Removing.Contains(e.Id)).ToArray());

    public Task<T?> Get(long id) => Task.FromResult(Removing.Contains(id) ? null : Entries.Find(e => e.Id == id));

    Task<IReadOnlyList<T>> IEntityCatalogGrain<T>.Removing() => Task.FromResult<IReadOnlyList<T>>(Entries.Where(e => Removing.Contains(e.Id)).ToArray());

    public async Task<CatalogResult<T>> Add(T entry)
    {
        if (Holder(entry, exceptId: null) is { } holder)
            return new CatalogResult<T>(CatalogOutcome.KeyTaken, holder);
        var stored = entry.WithId(++catalog.State.HighWater);
        Entries.Add(stored);
        await catalog.WriteOrReloadAsync();
        return new CatalogResult<T>(CatalogOutcome.Done, stored);
    }

    public async Task<IReadOnlyList<T>> Ensure(IReadOnlyList<T> candidates)
    {
        var answer = new List<T>();
        var added = false;
        foreach (var candidate in candidates)
        {
            if (Holder(candidate.UniqueKey, exceptId: null) is { } existing)
            {
                answer.Add(existing);
                continue;
            }
            var stored = candidate.WithId(++catalog.State.HighWater);
            Entries.Add(stored);
            answer.Add(stored);
            added = true;
        }
        if (added)
            await catalog.WriteOrReloadAsync();
        return answer;
    }

    public async Task<CatalogResult<T>> Replace(T entry)
    {
        var index = Entries.FindIndex(e => e.Id == entry.Id);
        if (index < 0 || Removing.Contains(entry.Id))
            return new CatalogResult<T>(CatalogOutcome.NotFound, null);
        if (Holder(entry, exceptId: entry.Id) is { } holder)
            return new CatalogResult<T>(CatalogOutcome.KeyTaken, holder);
        Entries[index] = entry;
        await catalog.WriteOrReloadAsync();
        return new CatalogResult<T>(CatalogOutcome.Done, entry);
    }

    public Task<CatalogResult<T>> ReplaceIf(T expected, T entry)
        => Entries.Find(e => e.Id == entry.Id) is { } current && !current.Equals(expected)
            ? Task.FromResult(new CatalogResult<T>(CatalogOutcome.Changed, current))
            : Replace(entry);

    public async Task<T?> BeginRemove(long id)
    {
        var entry = Entries.Find(e => e.Id == id);
        if (entry is null || Removing.Contains(id))
            return entry;
        Removing.Add(id);
        await catalog.WriteOrReloadAsync();
        return entry;
    }

    public async Task<T?> Remove(long id)
    {
        var entry = Entries.Find(e => e.Id == id);
        if (entry is null)
            return null;
        Entries.Remove(entry);
        Removing.Remove(id);
        await catalog.WriteOrReloadAsync();
        return entry;
    }

    /// <summary>
    /// The other entry holding one of <paramref name="entry"/>'s keys, if any: keys are one when their lower case is,
    /// the fold every search compares names with, so no two entries answer one name (<see cref="Interfaces.Tags.Tag.NameComparer"/>).
    /// </summary>
    private T? Holder(T entry, long? exceptId)
        => entry.HeldKeys.Select(key => Holder(key, exceptId)).FirstOrDefault(holder => holder is not null);

    private T? Holder(string? key, long? exceptId) => key is null
        ? null
        : Entries.Find(e => e.Id != exceptId && e.HeldKeys.Contains(key, LowerCase.Comparer));
}
