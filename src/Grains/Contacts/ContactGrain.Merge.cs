using System.Globalization;
using Actors.Grains.Catalogs;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Identity;
using Actors.Interfaces.Notes;
using Actors.Interfaces.Segments;
using Actors.Interfaces.Stages;
using Actors.Interfaces.Users;

namespace Actors.Grains.Contacts;

/// <summary>
/// The merge protocol, driven by the winner. The winner first stores a PendingMerge naming the loser (its intent),
/// then runs the steps, storing each as done before starting the next:
///   Surrender            the loser marks itself merged into the winner and hands over its data; the
///                        winner folds it in and stores it together with the step, so it is counted once;
///   DropGoingReferences  (only when the loser brought company links, segments, a stage or an owner) those whose
///                        delete began are taken off again: that delete's sweep may have passed the loser and the winner
///                        while they were on their way (the loser a tombstone, the winner not stored with them yet).
///                        Read after they were stored, an entry that still reads as live is marked later, so its sweep
///                        finds them on the winner (as Catalogs.GoingEntries orders an API write);
///   RedirectIdentifiers  the loser's index entries now name the winner;
///   ClaimCombination     (only with And, see <see cref="PendingMerge.CombinedUniqueAliases"/>) the winner claims the
///                        combination its merged values make, which neither contact may have held (the newest value per
///                        field), unless another contact holds it; the keys both held stay, as in Or;
///   MoveDevices          the loser's devices now point at the winner (those that still point at the loser: one that
///                        switched to another person since stays there);
///   MoveHistory          the loser's timeline moves to the winner;
///   MoveNotes            the loser's notes now name the winner.
/// Every step can run again without harm, so a crash anywhere is repaired by running the stored step again.
///
/// Only the Surrender step calls another contact, and a turn waiting on a contact can deadlock: A absorbing B and
/// B absorbing A at once (or any cycle) each wait for the other's turn, and a loser that finished its own intent
/// before surrendering, or an activation that finished its intent before serving, built such cycles for good. So:
///   - the steps after Surrender call only companies, the index, devices (whose MoveTo interleaves), notes and the sink,
///     none of which calls a contact; a merge past Surrender is finished anywhere: on activation, before surrendering;
///   - a contact holding an intent never surrenders (SurrenderTo answers null) and a tombstone never makes one;
///   - before waiting on the loser's turn the winner asks, interleaved, whether the loser holds an intent
///     (IsAbsorbing), and does not wait when it does. Intents are set before that question, so in any cycle the
///     contact that asked last would have found its loser's intent: no cycle of waits can form;
///   - a busy loser with a lower id than the winner makes the winner abandon its intent (nothing was taken); with a
///     higher id the winner keeps it and tries again shortly. Every cycle has a member whose loser has a lower id, so
///     cycles break, and of two opposing merges exactly one happens;
///   - activation never calls a contact: an intent found there is tried shortly after, on a one-shot timer with
///     jitter, as is one whose Surrender call failed (the loser may still surrender from a call already queued).
/// An intent goes on only while its winner is active, so each silo's start-up sweep (UnfinishedMergeSweep) activates the
/// winners whose stored state holds one (the contacts table's pending_merge column).
/// </summary>
internal sealed partial class ContactGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ReconcileLastActive();
        await DeleteNotesLeftByDelete();
        if (State.PendingMerge is { Step: MergeStep.Surrender })
            ResumeMergeLater();
        else if (State.PendingMerge is not null)
            await FinishPendingMerge();
    }

    public async Task<MergeOutcome> Absorb(long loserId, IReadOnlyList<string>? combinedUniqueAliases = null)
    {
        if (State.PendingMerge is not null)
            await FinishPendingMerge();
        // An intent still waiting for its loser: a new one would replace it.
        if (State.PendingMerge is { } waiting)
            return waiting.LoserId == loserId ? MergeOutcome.Pending : MergeOutcome.Busy;
        if (loserId == Id || State.Absorbed.Contains(loserId))
            return State.MergedInto is null ? MergeOutcome.Merged : MergeOutcome.Refused;
        if (State.MergedInto is not null || State.DateDeleted is not null)
            return MergeOutcome.Refused;
        State.PendingMerge = new PendingMerge
        {
            LoserId = loserId,
            Step = MergeStep.Surrender,
            CombinedUniqueAliases = combinedUniqueAliases is null ? null : [.. combinedUniqueAliases],
        };
        await Save();
        return await FinishPendingMerge();
    }

    public Task<bool> IsAbsorbing() => Task.FromResult(State.PendingMerge is { Step: MergeStep.Surrender });

    public async Task<ContactSnapshot?> SurrenderTo(long winnerId)
    {
        if (State.PendingMerge is { Step: MergeStep.Surrender })
            return null;
        // Past Surrender it calls no contact, and what this contact hands over must be whole.
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

    /// <summary>Runs the stored merge to its end, or as far as the loser lets it now (see the class comment).</summary>
    private async Task<MergeOutcome> FinishPendingMerge()
    {
        while (State.PendingMerge is { } merge)
        {
            IReadOnlyList<TimelineEvent> entries = [];
            switch (merge.Step)
            {
                case MergeStep.Surrender:
                    if (await TakeOver(merge) is { } stopped)
                        return stopped;
                    break;
                case MergeStep.DropGoingReferences:
                    entries = await DropGoingReferences(merge);
                    break;
                case MergeStep.RedirectIdentifiers:
                    await Task.WhenAll(merge.LoserIdentifiers.Select(key =>
                        GrainFactory.GetGrain<IIdentifierIndexGrain>(key).Redirect(merge.LoserId, Id)));
                    break;
                case MergeStep.ClaimCombination:
                    await ClaimMergedCombination(merge.CombinedUniqueAliases ?? []);
                    break;
                case MergeStep.MoveDevices:
                    await Task.WhenAll(merge.LoserDevices.Select(device => GrainFactory.GetGrain<IDeviceGrain>(device).MoveTo(merge.LoserId, Id)));
                    break;
                case MergeStep.MoveHistory:
                    await timeline.Move(merge.LoserId, Id);
                    // Exactly once: the entry is stored with the state that marks this step done.
                    entries = [new TimelineEvent(Id, "lead.merged", DateTimeOffset.UtcNow,
                        new Dictionary<string, string?> { ["mergedId"] = merge.LoserId.ToString(CultureInfo.InvariantCulture) })];
                    break;
                case MergeStep.MoveNotes:
                    await Task.WhenAll(merge.LoserNotes.Select(note =>
                        GrainFactory.GetGrain<INoteGrain>(note.ToString(CultureInfo.InvariantCulture)).MoveTo(Id)));
                    break;
            }
            // A loser without notes ends with its history, so most merges cost no write for the notes step.
            if (merge.Step == MergeStep.MoveNotes || (merge.Step == MergeStep.MoveHistory && merge.LoserNotes.Count == 0))
                State.PendingMerge = null;
            else
                merge.Step = NextStep(merge);
            await Save(entries);
        }
        return MergeOutcome.Merged;
    }

    /// <summary>
    /// The steps in the order of the class comment; a loser that brought no company, segment, stage or owner has nothing
    /// to drop, so most merges (an anonymous visitor's) skip that step.
    /// </summary>
    private static MergeStep NextStep(PendingMerge merge) => merge.Step switch
    {
        MergeStep.Surrender when merge.LoserBroughtReferences => MergeStep.DropGoingReferences,
        MergeStep.Surrender or MergeStep.DropGoingReferences => MergeStep.RedirectIdentifiers,
        MergeStep.RedirectIdentifiers when merge.CombinedUniqueAliases is not null => MergeStep.ClaimCombination,
        MergeStep.RedirectIdentifiers or MergeStep.ClaimCombination => MergeStep.MoveDevices,
        _ => merge.Step + 1,
    };

    /// <summary>
    /// Claims the combination of unique values the merged contact holds, stored with the step. After the loser's keys
    /// lead here, so a combination the loser owned is already this contact's; one another contact owns stays theirs, as
    /// the merge cannot be refused any more. Only the index is called (see the class comment), and a claim repeated after
    /// a crash answers this contact again.
    /// </summary>
    private async Task ClaimMergedCombination(IReadOnlyList<string> combined)
    {
        if (ContactRules.CombinationOf(State.Fields, combined) is { } combination && !State.Identifiers.Contains(combination)
            && await GrainFactory.GetGrain<IIdentifierIndexGrain>(combination).Claim(Id) == Id)
            State.Writable.Identifiers.Add(combination);
    }

    /// <summary>Unlinks the companies and leaves the segments, stage and owner the loser brought whose delete began.</summary>
    private async Task<IReadOnlyList<TimelineEvent>> DropGoingReferences(PendingMerge merge)
    {
        var at = DateTimeOffset.UtcNow;
        var events = new ContactEvents(Id, at, State);
        foreach (var company in merge.LoserCompanies)
        {
            if (await GrainFactory.GetGrain<ICompanyGrain>(company.ToString(CultureInfo.InvariantCulture)).Get() is null)
                UnlinkCompany(company, at);
        }
        ApplySegments([], await GoingEntries.AmongAsync<Segment>(GrainFactory, merge.LoserSegments), events);
        if (merge.LoserStage is { } stage && State.Stage == stage && long.TryParse(stage, NumberStyles.None, CultureInfo.InvariantCulture, out var stageId)
            && (await GoingEntries.AmongAsync<Stage>(GrainFactory, [stageId])).Count > 0)
            ApplyStage(null, null, events);
        if (merge.LoserOwner is { } owner && State.OwnerId == owner
            && await GrainFactory.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).UsernameOf(owner) is null)
            State.OwnerId = null;
        return events.Close(State);
    }
}
