using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Identity;
using Actors.Interfaces.Notes;

namespace Actors.Grains.Contacts;

/// <summary>
/// The merge protocol, driven by the winner. The winner first stores a PendingMerge naming the loser,
/// then runs the steps, storing each as done before starting the next:
///   Surrender            the loser marks itself merged into the winner and hands over its data; the
///                        winner folds it in and stores it together with the step, so it is counted once;
///   RedirectIdentifiers  the loser's index entries now name the winner;
///   MoveDevices          the loser's devices now point at the winner;
///   MoveHistory          the loser's timeline moves to the winner;
///   MoveNotes            the loser's notes now name the winner.
/// Every step can run again without harm, so a crash anywhere is repaired by running the stored step again:
/// the next activation does that before serving anything. Calls only go from the winner to the loser, the
/// index, devices (whose MoveTo interleaves), notes and the sink; none of them calls the winner back, so a merge
/// cannot deadlock on the turn-based runtime.
/// </summary>
internal sealed partial class ContactGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ReconcileLastActive();
        if (State.PendingMerge is not null)
            await FinishPendingMerge();
    }

    public async Task<bool> Absorb(long loserId)
    {
        if (State.PendingMerge is not null)
            await FinishPendingMerge();
        if (loserId == Id || State.Absorbed.Contains(loserId))
            return State.MergedInto is null;
        if (State.MergedInto is not null || State.DateDeleted is not null)
            return false;
        State.PendingMerge = new PendingMerge { LoserId = loserId, Step = MergeStep.Surrender };
        await Save();
        return await FinishPendingMerge();
    }

    public async Task<ContactSnapshot> SurrenderTo(long winnerId)
    {
        // A loser that is itself half way through absorbing someone completes that first, so what it
        // hands over is whole. That call goes further down the merge direction, never back to the winner.
        if (State.PendingMerge is not null)
            await FinishPendingMerge();
        // A deleted contact is not handed over: the winner sees it unmerged and gives up the merge.
        if (State.MergedInto is null && State.DateDeleted is null)
        {
            State.MergedInto = winnerId;
            await Save();
        }
        return ContactRules.Snapshot(Id, State);
    }

    /// <summary>Runs the stored merge to its end; false when the loser turned out to be merged elsewhere.</summary>
    private async Task<bool> FinishPendingMerge()
    {
        while (State.PendingMerge is { } merge)
        {
            IReadOnlyList<TimelineEvent> entries = [];
            switch (merge.Step)
            {
                case MergeStep.Surrender:
                    var loser = await GrainFactory.GetContact(merge.LoserId).SurrenderTo(Id);
                    if (loser.MergedInto != Id)
                    {
                        State.PendingMerge = null;
                        await Save();
                        return false;
                    }
                    ContactMerge.Fold(State, loser);
                    State.Absorbed.Add(merge.LoserId);
                    merge.LoserIdentifiers = [.. loser.Identifiers];
                    merge.LoserDevices = [.. loser.Devices];
                    merge.LoserNotes = [.. loser.Notes];
                    break;
                case MergeStep.RedirectIdentifiers:
                    await Task.WhenAll(merge.LoserIdentifiers.Select(key =>
                        GrainFactory.GetGrain<IIdentifierIndexGrain>(key).Redirect(merge.LoserId, Id)));
                    break;
                case MergeStep.MoveDevices:
                    await Task.WhenAll(merge.LoserDevices.Select(device => GrainFactory.GetGrain<IDeviceGrain>(device).MoveTo(Id)));
                    break;
                case MergeStep.MoveHistory:
                    await timeline.Move(merge.LoserId, Id);
                    // Exactly once: the entry is stored with the state that marks this step done.
                    entries = [new TimelineEvent(Id, "lead.merged", DateTimeOffset.UtcNow,
                        new Dictionary<string, string?> { ["mergedId"] = merge.LoserId.ToString(System.Globalization.CultureInfo.InvariantCulture) })];
                    break;
                case MergeStep.MoveNotes:
                    await Task.WhenAll(merge.LoserNotes.Select(note =>
                        GrainFactory.GetGrain<INoteGrain>(note.ToString(System.Globalization.CultureInfo.InvariantCulture)).MoveTo(Id)));
                    break;
            }
            // A loser without notes ends with its history, so most merges cost no write for the notes step.
            if (merge.Step == MergeStep.MoveNotes || (merge.Step == MergeStep.MoveHistory && merge.LoserNotes.Count == 0))
                State.PendingMerge = null;
            else
                merge.Step++;
            await Save(entries);
        }
        return true;
    }
}
