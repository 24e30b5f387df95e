using Actors.Grains.Persistence;
using Actors.Interfaces.Catalogs;
using Actors.Runtime;
using Actors.Runtime.Persistence;

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
/// failed write reloads what is stored, so the catalog never answers from a change that was lost. Lookups go through a
/// <see cref="CatalogIndex{T}"/> over the state, built from the state as loaded, and again when a failed write reloads it.
/// </summary>
internal abstract class EntityCatalogGrain<T>(IPersistentState<CatalogState<T>> catalog) : Grain, IEntityCatalogGrain<T>
    where T : class, ICatalogEntry<T>
{
    private CatalogIndex<T>? _built;

    // Built on first use, after the runtime loaded the state, and again after a failed write reloaded it.
    private CatalogIndex<T> Index => _built ??= new CatalogIndex<T>(catalog.State);

    public Task<IReadOnlyList<T>> List() => Task.FromResult<IReadOnlyList<T>>(Index.Entries(removing: false));

    public Task<T?> Get(long id) => Task.FromResult(Index.IsRemoving(id) ? null : Index.Find(id));

    Task<IReadOnlyList<T>> IEntityCatalogGrain<T>.Removing() => Task.FromResult<IReadOnlyList<T>>(Index.Entries(removing: true));

    public async Task<CatalogResult<T>> Add(T entry)
    {
        if (Index.Holder(entry, exceptId: null) is { } holder)
            return new CatalogResult<T>(CatalogOutcome.KeyTaken, holder);
        var stored = Index.Append(entry);
        await Store();
        return new CatalogResult<T>(CatalogOutcome.Done, stored);
    }

    public async Task<IReadOnlyList<T>> Ensure(IReadOnlyList<T> candidates)
    {
        var (answer, _) = await Ensured(candidates, int.MaxValue);
        return answer!;
    }

    public async Task<EnsuredEntries<T>> EnsureAtMost(IReadOnlyList<T> candidates, int maxNew)
    {
        var (answer, added) = await Ensured(candidates, maxNew);
        return new EnsuredEntries<T>(answer, added);
    }

    private async Task<(T?[] Answer, int Added)> Ensured(IReadOnlyList<T> candidates, int maxNew)
    {
        var answer = new T?[candidates.Count];
        var added = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (Index.Holder(candidates[i].UniqueKey, exceptId: null) is { } existing)
                answer[i] = existing;
            else if (added < maxNew)
            {
                answer[i] = Index.Append(candidates[i]);
                added++;
            }
        }
        if (added > 0)
            await Store();
        return (answer, added);
    }

    public async Task<CatalogResult<T>> Replace(T entry)
    {
        if (Index.Find(entry.Id) is null || Index.IsRemoving(entry.Id))
            return new CatalogResult<T>(CatalogOutcome.NotFound, null);
        if (Index.Holder(entry, exceptId: entry.Id) is { } holder)
            return new CatalogResult<T>(CatalogOutcome.KeyTaken, holder);
        Index.Replace(entry);
        await Store();
        return new CatalogResult<T>(CatalogOutcome.Done, entry);
    }

    public Task<CatalogResult<T>> ReplaceIf(T expected, T entry)
        => Index.Find(entry.Id) is { } current && !current.Equals(expected)
            ? Task.FromResult(new CatalogResult<T>(CatalogOutcome.Changed, current))
            : Replace(entry);

    public async Task<T?> BeginRemove(long id)
    {
        var entry = Index.Find(id);
        if (entry is null || Index.IsRemoving(id))
            return entry;
        Index.MarkRemoving(id);
        await Store();
        return entry;
    }

    public async Task<T?> Remove(long id)
    {
        if (Index.Find(id) is not { } entry)
            return null;
        Index.Remove(entry);
        await Store();
        return entry;
    }

    /// <summary>Stores the state; when the write fails and the state is reloaded, the index follows what was loaded.</summary>
    private async Task Store()
    {
        try
        {
            await catalog.WriteOrReloadAsync();
        }
        catch
        {
            _built = null;
            throw;
        }
    }
}
