using Actors.Interfaces.Contacts;
using Actors.Runtime.Timers;

namespace Actors.Grains.Contacts;

/// <summary>
/// The Surrender step of a merge: the only one that calls another contact, so the only one that must not wait on
/// a loser that is itself absorbing someone (see the protocol in ContactGrain.Merge.cs).
/// </summary>
internal sealed partial class ContactGrain
{
    private IGrainTimer? _resumeMerge;

    /// <summary>Tried again within this range, at random, so two contacts retrying on each other fall out of step.</summary>
    private static readonly (int Min, int Max) ResumeDelayMs = (200, 1_000);

    /// <summary>Takes the loser's data into this contact; the outcome that stops the merge here, or null to go on.</summary>
    private async Task<MergeOutcome?> TakeOver(PendingMerge merge)
    {
        var other = GrainFactory.GetContact(merge.LoserId);
        ContactSnapshot? loser;
        try
        {
            loser = await other.IsAbsorbing() ? null : await other.SurrenderTo(Id);
        }
        catch
        {
            // The loser may yet surrender from the call already queued there, so the intent stays and is tried again.
            ResumeMergeLater();
            throw;
        }
        if (loser is null)
            return await YieldTo(merge.LoserId);
        // Gone into another contact (another merge took it first) or deleted: the intent named this loser, not whatever it
        // became, so it ends with nothing merged, as the 503 that recorded it says.
        if (loser.MergedInto != Id)
        {
            State.PendingMerge = null;
            await Save();
            return MergeOutcome.Refused;
        }
        ContactMerge.Fold(State, loser);
        State.Writable.Absorbed.Add(merge.LoserId);
        merge.LoserIdentifiers = [.. loser.Identifiers];
        merge.LoserDevices = [.. loser.Devices];
        merge.LoserNotes = [.. loser.Notes];
        merge.LoserCompanies = [.. loser.Companies.Select(link => link.CompanyId)];
        merge.LoserSegments = [.. loser.Segments];
        merge.LoserStage = loser.Stage;
        merge.LoserOwner = loser.OwnerId;
        return null;
    }

    /// <summary>
    /// The loser is absorbing someone itself. The lower id goes first: a winner above its loser abandons its intent
    /// (nothing was taken, the loser is no tombstone), one below keeps it and tries again once the loser is done.
    /// </summary>
    private async Task<MergeOutcome> YieldTo(long loserId)
    {
        if (loserId > Id)
        {
            ResumeMergeLater();
            return MergeOutcome.Pending;
        }
        State.PendingMerge = null;
        await Save();
        return MergeOutcome.Busy;
    }

    public async Task ResumeRecordedMerge()
    {
        // An intent still waiting for its loser is retried on the timer its activation (or its last try) set.
        if (State.PendingMerge is { Step: MergeStep.Surrender })
        {
            if (_resumeMerge is null)
                ResumeMergeLater();
        }
        else if (State.PendingMerge is not null)
            await FinishPendingMerge();
    }

    private void ResumeMergeLater()
    {
        _resumeMerge?.Dispose();
        var delay = TimeSpan.FromMilliseconds(Random.Shared.Next(ResumeDelayMs.Min, ResumeDelayMs.Max));
        // Kept alive: an intent left to a later activation would wait for someone to touch this contact.
        _resumeMerge = RegisterGrainTimer(_ => ResumeMerge(),
            new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    private async Task ResumeMerge()
    {
        _resumeMerge?.Dispose();
        _resumeMerge = null;
        if (State.PendingMerge is not null)
            await FinishPendingMerge();
    }
}
