using System.Globalization;
using Actors.Grains.Contacts;
using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Segments;
using Actors.Interfaces.Stages;
using Actors.Interfaces.Users;
using Actors.Runtime;

namespace Actors.Grains.Catalogs;

/// <summary>
/// The writer's half of a catalog delete. The delete marks its entry as going in the catalog grain
/// (<see cref="IEntityCatalogGrain{T}.BeginRemove"/>), then sweeps the contacts pointing at it, then removes it; a
/// change that points a contact at an entry (joins a segment, enters a stage) reads the entry from its grain again
/// after its write and takes the write back when the entry is going. The catalog grain orders the two, whichever
/// front end or import runs each: a read that still finds the entry came before the mark, so the write is in the
/// contacts table before the sweep reads it and the sweep takes it off; a read that does not find it undoes the write.
/// Either way no contact is left pointing at a deleted entry, and a change that answered success was swept, not lost.
/// </summary>
public static class GoingEntries
{
    /// <summary>Those of <paramref name="ids"/> whose entry is being removed or gone, read from the catalog grain itself.</summary>
    public static async Task<IReadOnlyList<long>> AmongAsync<T>(IGrainFactory grains, IEnumerable<long> ids) where T : class, ICatalogEntry<T>
    {
        var catalog = grains.GetGrain<IEntityCatalogGrain<T>>(T.CatalogKey);
        var going = new List<long>();
        foreach (var id in ids)
        {
            if (await catalog.Get(id) is null)
                going.Add(id);
        }
        return going;
    }

    /// <summary>
    /// Takes the segments <paramref name="edit"/> joined, the stage it entered and the owner it gave, that a delete
    /// began to remove meanwhile, back from the contact it was written to; true when it did. A user's delete orders
    /// itself with the write in the users' directory (<see cref="IUserDirectoryGrain.BeginRemove"/>) as a catalog's does.
    /// </summary>
    public static async Task<bool> TakeBackAsync(IGrainFactory grains, ContactWriter writer, long contactId, ContactEdit edit, DateTimeOffset at)
    {
        if (await GoingOfAsync(grains, edit) is not { } going)
            return false;
        await writer.Update(contactId, new ContactEdit { At = at, LeaveSegments = going.Segments, LeaveStage = going.Stage, LeaveOwner = going.Owner }, []);
        return true;
    }

    /// <summary>
    /// <paramref name="edit"/> without the segments, stage and owner whose delete has already begun, or null when none
    /// has: checked before a write that may come long after the delete (a later row of an import), so that it does not
    /// join what it would only leave again. A delete beginning after the check is still met by <see cref="TakeBackAsync"/>.
    /// </summary>
    public static async Task<ContactEdit?> WithoutGoingAsync(IGrainFactory grains, ContactEdit edit)
    {
        if (await GoingOfAsync(grains, edit) is not { } going)
            return null;
        return edit with
        {
            JoinSegments = edit.JoinSegments.Except(going.Segments).ToArray(),
            Stage = going.Stage is null ? edit.Stage : null,
            OwnerId = going.Owner is null ? edit.OwnerId : null,
        };
    }

    /// <summary>What of the segments, stage and owner <paramref name="edit"/> names is going; null when nothing is.</summary>
    private static async Task<GoingReferences?> GoingOfAsync(IGrainFactory grains, ContactEdit edit)
    {
        var segments = await AmongAsync<Segment>(grains, edit.JoinSegments);
        var stage = edit.Stage is { } entered && long.TryParse(entered, NumberStyles.None, CultureInfo.InvariantCulture, out var stageId)
            && (await AmongAsync<Stage>(grains, [stageId])).Count > 0 ? entered : null;
        var owner = edit.OwnerId is { } given && await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).UsernameOf(given) is null
            ? given : (long?)null;
        return segments.Count == 0 && stage is null && owner is null ? null : new GoingReferences(segments, stage, owner);
    }

    private sealed record GoingReferences(IReadOnlyList<long> Segments, string? Stage, long? Owner);
}
