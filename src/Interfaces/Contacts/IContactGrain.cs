using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Contacts;

/// <summary>
/// One contact, keyed by its id as a string. A contact comes to exist with its first hit or edit.
/// After a merge the loser stays as a tombstone pointing at the winner: its writes answer false and
/// callers follow <see cref="MergedInto"/> (see <see cref="ContactRedirects"/>) to reach the winner.
/// A deleted contact stays deleted: its writes answer false too, and <see cref="IsDeleted"/> tells the two apart.
/// </summary>
public interface IContactGrain : IGrainWithStringKey
{
    /// <summary>Records a page view, unless the contact is gone or the hit's unique values are someone else's (see <see cref="HitOutcome"/>).</summary>
    Task<HitOutcome> RecordHit(PageHit hit);

    /// <summary>
    /// Forgets a device that now tracks someone else (a hit from it named another person's unique value), as Mautic's
    /// device row belongs to one contact; the hits it brought stay in this contact's timeline. Nothing on a tombstone.
    /// </summary>
    Task ReleaseDevice(string deviceId);

    /// <summary>
    /// Applies a deliberate change; false when this contact is a tombstone or deleted, when the edit would leave it a
    /// combination of unique values (<see cref="ContactEdit.CombinedUniqueAliases"/>) another contact owns, or when one of
    /// its identifiers the contact let go since the writer claimed it (<see cref="LetGo"/>) is another contact's now, and
    /// changed nothing.
    /// </summary>
    Task<bool> Apply(ContactEdit edit);

    /// <summary>
    /// Gives back, at their index grains, the unique values (index keys) a refused write claimed for this contact, except
    /// those the contact holds: another write may have recorded one meanwhile. Decided in the contact's turn, so no write
    /// of the contact lands between the check and the release; a write that claimed one before and records it later
    /// claims it again (see the class comment of ContactGrain). Every refused write gives its claims back this way.
    /// </summary>
    Task LetGo(IReadOnlyList<string> keys);

    /// <summary>
    /// Empties a live contact for good and frees its unique identifiers so their values can be used again; answers
    /// what it held, or null when there was no live contact. Writes that reach it later (a request that found it
    /// before the delete, a device of the contact) answer false and go to a new contact, as in Mautic.
    /// </summary>
    Task<ContactSnapshot?> Delete(DateTimeOffset at);

    /// <summary>True once the contact was deleted (and was not merged away before that).</summary>
    [ReadOnly]
    Task<bool> IsDeleted();

    /// <summary>The contact, or null when it never existed. A tombstone answers with MergedInto set.</summary>
    [ReadOnly]
    Task<ContactSnapshot?> Get();

    /// <summary>True for a live contact; false when it never existed or was merged away.</summary>
    [ReadOnly]
    Task<bool> Exists();

    [ReadOnly]
    Task<IReadOnlyList<TimelineEvent>> Timeline();

    /// <summary>What the import row <paramref name="mark"/> did to this contact, or null when it never reached it.</summary>
    [ReadOnly]
    Task<ImportRowOutcome?> ImportOutcome(ImportMark mark);

    /// <summary>
    /// The winner this contact was merged into, or null. It interleaves with everything so that following
    /// a redirect never waits behind a merge in progress.
    /// </summary>
    [AlwaysInterleave]
    Task<long?> MergedInto();

    /// <summary>
    /// Merges the contact <paramref name="loserId"/> into this one (this contact keeps its id). Idempotent; never waits
    /// on a loser that is itself absorbing someone (that is how opposing merges would deadlock), see <see cref="MergeOutcome"/>.
    /// <paramref name="combinedUniqueAliases"/> are the unique fields when they identify a contact only together
    /// (Contacts:UniqueIdentifiersOperator=And), else null: the winner then claims the combination its merged values make.
    /// </summary>
    Task<MergeOutcome> Absorb(long loserId, IReadOnlyList<string>? combinedUniqueAliases = null);

    /// <summary>
    /// True while this contact has started absorbing another and has not yet taken its data. It interleaves with
    /// everything, so a winner can ask without waiting behind this contact's own merge.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> IsAbsorbing();

    /// <summary>
    /// The loser's half of a merge: marks this contact merged into <paramref name="winnerId"/> and hands over
    /// everything it holds. It calls no other contact, so the winner can wait on it without a call cycle; null when
    /// this contact is absorbing another (<see cref="IsAbsorbing"/>) and so cannot surrender now, changing nothing.
    /// Asking again for the same winner answers the same data.
    /// </summary>
    Task<ContactSnapshot?> SurrenderTo(long winnerId);

    /// <summary>
    /// Sees that a merge this contact recorded and left unfinished (cut short by a crash or a restart) goes on: reaching
    /// the contact activates it, which resumes the merge, and a merge already under way is left to run. Idempotent, so
    /// the start-up sweep of every silo of a cluster may call it at once.
    /// </summary>
    Task ResumeRecordedMerge();
}
