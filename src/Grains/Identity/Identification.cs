using Actors.Interfaces.Contacts;
using Actors.Interfaces.Identity;
using Actors.Runtime;

namespace Actors.Grains.Identity;

/// <summary>
/// Identifies a contact by one unique identifier: claims it at the index and, when another contact owns it,
/// merges the two. The known contact keeps its id (product decision 2): an anonymous contact always loses;
/// between two identified ones the older wins, so two devices racing the other way round pick the same winner.
/// </summary>
internal sealed class Identification(IGrainFactory grainFactory, string identifier)
{
    // A winner can itself be merged away while this runs; each retry starts again from the live contacts.
    private const int MaxAttempts = 5;

    // A merge that met another merge (Busy, or Pending behind the loser's own) is settled by the contacts' retry within
    // 0.2-1 s (ContactGrain.Surrender.cs); retrying at once would spend every attempt inside that window. The waits
    // grow, with jitter, to 1.5-3.5 s in all before the last attempt.
    private static readonly (int Min, int Max) BackoffStepMs = (150, 350);

    /// <summary>The live contact that owns the identifier once the claim (and any merge) is done.</summary>
    public async Task<long> Resolve(long contactId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var owner = await grainFactory.ClaimAsync(identifier, contactId);
            if (owner == contactId)
                return contactId;
            owner = await grainFactory.ResolveContactAsync(owner);
            contactId = await grainFactory.ResolveContactAsync(contactId);
            if (owner == contactId)
                return contactId;
            var mine = await grainFactory.GetContact(contactId).Get();
            // A deleted contact (its device hit again) holds nothing to merge: its visitor is the owner from now on.
            if (mine is null && await grainFactory.GetContact(contactId).IsDeleted())
                return owner;
            var (winner, loser) = await ChooseWinner(mine, contactId, owner);
            var outcome = await grainFactory.GetContact(winner).Absorb(loser);
            if (outcome == MergeOutcome.Merged)
                return winner;
            if (attempt == MaxAttempts)
                throw new InvalidOperationException($"Could not merge contacts {contactId} and {owner} for '{identifier}' after {MaxAttempts} attempts.");
            if (outcome is MergeOutcome.Busy or MergeOutcome.Pending)
                await Task.Delay(TimeSpan.FromMilliseconds(attempt * Random.Shared.Next(BackoffStepMs.Min, BackoffStepMs.Max)));
        }
    }

    private async Task<(long Winner, long Loser)> ChooseWinner(ContactSnapshot? mine, long candidate, long owner)
    {
        if (mine is null || mine.IsAnonymous)
            return (owner, candidate);
        var theirs = await grainFactory.GetContact(owner).Get();
        return theirs is null || theirs.IsAnonymous || IsOlder(mine, theirs) ? (candidate, owner) : (owner, candidate);
    }

    private static bool IsOlder(ContactSnapshot a, ContactSnapshot b)
        => (a.DateAdded ?? DateTimeOffset.MaxValue, a.Id).CompareTo((b.DateAdded ?? DateTimeOffset.MaxValue, b.Id)) < 0;
}
