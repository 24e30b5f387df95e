using Actors.Interfaces.Catalogs;
using Actors.Runtime;

namespace Actors.Api.Catalogs;

/// <summary>
/// The writer's half of a catalog delete. The delete marks its entry as going in the catalog grain
/// (<see cref="IEntityCatalogGrain{T}.BeginRemove"/>), then sweeps the contacts pointing at it, then removes it; a
/// change that points a contact at an entry (joins a segment, enters a stage) reads the entry from its grain again
/// after its write and takes the write back when the entry is going. The catalog grain orders the two, whichever
/// front end each runs on: a read that still finds the entry came before the mark, so the write is in the contacts
/// table before the sweep reads it and the sweep takes it off; a read that does not find it undoes the write. Either
/// way no contact is left pointing at a deleted entry, and a change that answered success was swept, not lost.
/// </summary>
public static class GoingEntries
{
    /// <summary>Those of <paramref name="ids"/> whose entry is being removed or gone, read from the catalog grain itself.</summary>
    public static async Task<IReadOnlyList<long>> AmongAsync<T>(IGrainFactory grains, IEnumerable<long> ids) where T : class, ICatalogEntry<T>
    {
        var catalog = CatalogEndpoints.Catalog<T>(grains);
        var going = new List<long>();
        foreach (var id in ids)
        {
            if (await catalog.Get(id) is null)
                going.Add(id);
        }
        return going;
    }
}
