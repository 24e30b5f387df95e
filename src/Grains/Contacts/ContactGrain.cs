using System.Globalization;
using Actors.Grains.Identity;
using Actors.Grains.Persistence;
using Actors.Grains.Storage.Contacts;
using Actors.Grains.Timeline;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Identity;
using Actors.Interfaces.Notes;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Contacts;

/// <summary>
/// One contact. Hits and edits change it only while it is live; once merged away it is a tombstone
/// that answers false to writes and names its winner. The merge procedure is in ContactGrain.Merge.cs.
/// </summary>
internal sealed partial class ContactGrain(
    [PersistentState("contact", ContactTableStorage.StorageName)] IPersistentState<ContactState> contact,
    ITimelineSink timeline,
    UtmIdSource utmIds) : Grain, IContactGrain
{
    private long Id => long.Parse(this.GetPrimaryKeyString(), CultureInfo.InvariantCulture);

    private const string TimezoneAlias = "timezone";

    /// <summary>The stored state, read again after a failed write, its older UTM rows numbered as the contacts list numbers them.</summary>
    private ContactState State
    {
        get
        {
            var state = contact.State;
            if (state.HoldsUtmWithoutIds)
                state.NumberOlderUtm(Id);
            return state;
        }
    }

    public async Task<HitOutcome> RecordHit(PageHit hit)
    {
        if (!IsWritable)
            return HitOutcome.Gone;
        if (ClaimsSomeoneElses(hit) || (_letGo is { } letGo && !await ClaimedAgain(letGo, hit.Claims.Select(claim => claim.Key))))
            return HitOutcome.SomeoneElse;
        var (combinationLeft, combination) = CombinationsOf(hit);
        // An edit landing since the hit was resolved can have given the contact another unique value, and so another
        // combination with the hit's: it must be this contact's, or the hit is resolved again from what it holds now.
        if (combination is not null && !State.Identifiers.Contains(combination) && !hit.Claims.Any(claim => claim.Key == combination)
            && await GrainFactory.GetGrain<IIdentifierIndexGrain>(combination).Claim(Id) != Id)
            return HitOutcome.SomeoneElse;
        // Its id is taken before anything changes: a failure to get one leaves no trace in memory.
        var utm = ContactRules.UtmOf(hit) is { } row ? row with { Id = await utmIds.Next() } : null;
        var events = new ContactEvents(Id, hit.At, State);
        var changed = State.DateAdded is null;
        State.LastActive = State.LastActive > hit.At ? State.LastActive : hit.At;
        if (!string.IsNullOrWhiteSpace(hit.Ip) && State.Writable.Ips.Add(hit.Ip))
            events.Add("lead.ipadded", ("ipAddress", hit.Ip));
        if (hit.DeviceId is not null)
            changed |= State.Writable.Devices.Add(hit.DeviceId);
        foreach (var claim in hit.Claims)
            changed |= State.Writable.Identifiers.Add(claim.Key);
        if (combination is not null)
            changed |= State.Writable.Identifiers.Add(combination);
        var left = combinationLeft is not null && combinationLeft != combination && State.Writable.Identifiers.Remove(combinationLeft);
        changed |= left;
        ApplyTags(hit.Tags, [], rename: null, events);
        if (utm is not null)
            AddUtm(utm, events);
        // A tracked blank never overwrites what the contact already has (Mautic's rule for public updates).
        foreach (var (alias, value) in hit.Fields.Where(f => !string.IsNullOrWhiteSpace(f.Value)))
        {
            if (!IsClaimed(hit, alias) || string.IsNullOrEmpty(State.Fields.GetValueOrDefault(alias)))
                changed |= SetField(alias, value, hit.At);
        }
        // After the hit's own values, as Mautic guesses in processPageHit once the public fields are applied.
        if (hit.GuessedTimezone is { } zone && string.IsNullOrEmpty(State.Fields.GetValueOrDefault(TimezoneAlias)))
            changed |= SetField(TimezoneAlias, zone, hit.At);
        var stateChanged = changed || events.Count > 0;
        events.Add(ITimelineSink.PageHit, ("url", hit.Url), ("urlTitle", hit.Title), ("referer", hit.Referrer), ("language", hit.Language),
            ("userAgent", hit.UserAgent), ("deviceId", hit.DeviceId), ("query", ContactEvents.Json(hit.Query)));
        // A hit that moves only lastActive is stored by its page.hit entry alone (see ContactGrain.LastActive.cs).
        if (stateChanged)
            await Save(hit.At, events);
        else
            await timeline.Append(events.Close(State));
        // Freed once stored, as an edit frees the values it replaces.
        if (left)
            await GiveBack([combinationLeft!]);
        return HitOutcome.Recorded;
    }

    /// <summary>
    /// With And (<see cref="PageHit.CombinedUniqueAliases"/>), the key of the combination of unique values the contact
    /// holds and the one it holds once the hit fills the unique fields it has no value of; nulls with Or.
    /// </summary>
    private (string? Left, string? After) CombinationsOf(PageHit hit)
    {
        if (hit.CombinedUniqueAliases is not { } combined)
            return (null, null);
        var fills = hit.Fields
            .Where(field => !string.IsNullOrWhiteSpace(field.Value) && string.IsNullOrEmpty(State.Fields.GetValueOrDefault(field.Key)))
            .ToDictionary();
        return (ContactRules.CombinationOf(State.Fields, combined), ContactRules.CombinationAfter(State.Fields, fills, combined));
    }

    // Claims are few (one per unique value the hit names) and most hits make none, so a hit builds no set of them.
    private static bool IsClaimed(PageHit hit, string alias)
    {
        foreach (var claim in hit.Claims)
        {
            if (claim.Aliases.Contains(alias))
                return true;
        }
        return false;
    }

    /// <summary>
    /// Whether the hit claims a value of a unique field this contact shows another value of, and does not own. The device
    /// chose this contact when it held no value of the field, but a hit from another of its devices can have recorded one
    /// since (the two claimed different new values at once): checked here, in the turn that records, so the contact
    /// takes one value and its index entries never lead to a contact that shows another (the rule of <see cref="UniqueValues"/>).
    /// </summary>
    private bool ClaimsSomeoneElses(PageHit hit)
    {
        if (hit.Claims.Count == 0)
            return false;
        var known = UniqueValues.Of(State.Fields, State.Identifiers, hit.Claims.SelectMany(claim => claim.Aliases));
        return hit.Claims.Any(claim => known.IsSomeoneElse(UniqueValues.Of(claim, hit.Fields)));
    }

    public async Task ReleaseDevice(string deviceId)
    {
        if (IsWritable && State.Writable.Devices.Remove(deviceId))
            await Save();
    }

    public async Task<bool> Apply(ContactEdit edit)
    {
        // Checked before anything changes, so a refused edit leaves no trace in memory.
        if (edit.DoNotContact.FirstOrDefault(e => !DoNotContact.IsReason((int)e.Reason)) is { } invalid)
            throw new ArgumentOutOfRangeException(nameof(edit), invalid.Reason, $"A do-not-contact reason is from 1 to {DoNotContact.MaxReason}.");
        if (edit.PointsDivideBy == 0)
            throw new ArgumentOutOfRangeException(nameof(edit), "Points cannot be divided by zero.");
        if (!IsWritable)
            return false;
        if (edit.Import is { } replayed && ImportOutcomeOf(replayed) is not null)
            return true;
        edit = ContactRules.WithTakenBackFields(edit, State.Fields);
        // An import's skip_if_exists keeps the company a contact names: the link comes from the field it does not overwrite.
        if (edit is { KeepExistingValues: true, LinkCompany: not null } && !string.IsNullOrEmpty(State.Fields.GetValueOrDefault(CompanyField)))
            edit = edit with { LinkCompany = null };
        var points = PointsAfter(edit);
        var existed = State.DateAdded is not null;
        var fieldWrites = ContactRules.FieldWrites(edit, State.Fields, existed);
        var (combinationLeft, combination) = edit.CombinedUniqueAliases is { } combined
            ? (ContactRules.CombinationOf(State.Fields, edit.FormerUniqueAliases ?? combined), ContactRules.CombinationAfter(State.Fields, fieldWrites, combined))
            : (null, null);
        if (_letGo is { } letGo && !await ClaimedAgain(letGo, edit.Identifiers))
            return false;
        // The writer claimed the combination for the values it read; an edit landing since can have changed them, or let
        // the claim go as the combination it left. Claimed again in this turn, so the contact never shows a combination
        // whose key leads elsewhere; the index grain calls nobody, so waiting on it here cannot close a cycle.
        if (combination is not null && !State.Identifiers.Contains(combination)
            && await GrainFactory.GetGrain<IIdentifierIndexGrain>(combination).Claim(Id) != Id)
            return false;
        var utm = edit.AddUtm is { } added ? added with { Id = await utmIds.Next() } : null;
        var events = new ContactEvents(Id, edit.At, State);
        // Values the edit overwrites; with KeepExistingValues it overwrites none.
        var replaced = edit.Fields
            .Where(field => !edit.KeepExistingValues && State.Fields.GetValueOrDefault(field.Key) is { } old && !SameIdentifierValue(old, field.Value))
            .Select(field => (field.Key, State.Fields[field.Key]!))
            .ToArray();
        foreach (var (alias, value) in fieldWrites)
        {
            // Cleared (a PUT leaving it out, a blank that overwrites), the company field still names the primary
            // company: Mautic links companies from a value, and never unlinks for a blank one.
            if (alias != CompanyField || value is not null || ContactMemberships.Primary(State.Companies) is null)
                SetField(alias, value, edit.At);
        }
        if (points != State.Points)
        {
            var delta = (long)points - State.Points;
            State.Points = points;
            events.Add("point.gained", ("delta", delta.ToString(CultureInfo.InvariantCulture)),
                ("points", State.Points.ToString(CultureInfo.InvariantCulture)));
        }
        foreach (var key in edit.Identifiers)
            State.Writable.Identifiers.Add(key);
        if (combination is not null)
            State.Writable.Identifiers.Add(combination);
        ApplyTags(edit.AddTags, edit.RemoveTags, edit.RenameTag, events);
        foreach (var entry in edit.DoNotContact)
        {
            if (ContactRules.AddDoNotContact(State.Writable.DoNotContact, entry))
                events.Add("lead.donotcontact", ("channel", entry.Channel), ("reason", ((int)entry.Reason).ToString(CultureInfo.InvariantCulture)),
                    ("comments", entry.Comments));
        }
        if (!string.IsNullOrWhiteSpace(edit.Ip) && State.Writable.Ips.Add(edit.Ip))
            events.Add("lead.ipadded", ("ipAddress", edit.Ip));
        if (edit.LastActive is { } active && !(State.LastActive >= active))
            State.LastActive = active;
        foreach (var channel in edit.RemoveDoNotContact)
        {
            if (State.Writable.DoNotContact.RemoveAll(e => string.Equals(e.Channel, channel, StringComparison.OrdinalIgnoreCase)) > 0)
                events.Add("lead.donotcontact", ("channel", channel), ("reason", "0"), ("comments", "removed"));
        }
        if (utm is not null)
            AddUtm(utm, events);
        if (edit.RemoveUtm is { } utmId && State.Utm.FirstOrDefault(row => row.Id == utmId) is { } removed)
        {
            State.Writable.Utm.Remove(removed);
            events.Add("lead.utmtagsremoved", ("id", UtmId(removed)), ("utmSource", removed.Source), ("utmMedium", removed.Medium),
                ("utmCampaign", removed.Campaign), ("url", removed.Url));
        }
        ApplySegments(edit.JoinSegments, edit.LeaveSegments, events);
        ApplyMemberships(edit, events);
        State.OwnerId = edit.ClearOwner ? null : edit.OwnerId ?? State.OwnerId;
        if (edit.LeaveOwner is { } leaving && State.OwnerId == leaving)
            State.OwnerId = null;
        ApplyStage(edit.ClearStage ? null : edit.Stage ?? State.Stage, edit.LeaveStage, events);
        var kept = combination is null ? edit.Identifiers : [.. edit.Identifiers, combination];
        var displaced = ContactRules.DisplacedIdentifiers(State.Identifiers.Except(kept), replaced)
            .Union(State.Identifiers.Where(key => key == combinationLeft).Except(kept))
            .ToArray();
        foreach (var key in displaced)
            State.Writable.Identifiers.Remove(key);
        if (edit.Import is { } mark)
            RecordImport(mark, existed, events);
        if (edit.By is { } by)
        {
            if (!existed)
                State.CreatedBy = by;
            State.ModifiedBy = by;
        }
        await Save(edit.At, events);
        // Freed only once the contact no longer holds them, as in Delete: a crash in between leaves an old value
        // leading here, never a value this contact still holds free for another contact to take.
        await GiveBack(displaced);
        return true;
    }

    /// <summary>
    /// The points after the edit: set, then plus the delta, times the factor, divided by the divisor (toward zero).
    /// Worked out without overflow; a result that an int cannot hold refuses the whole edit, before anything changes,
    /// rather than wrapping around (int.MaxValue plus 1 is not int.MinValue points) or failing half way.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The result is outside the int range (a type that crosses silos as itself).</exception>
    private int PointsAfter(ContactEdit edit)
    {
        // Int128 holds any (int + int) * int exactly, which a long does not quite: (2 * -2^31) * -2^31 = 2^63.
        var result = ((Int128)(edit.Points ?? State.Points) + edit.PointsDelta) * edit.PointsTimes / edit.PointsDivideBy;
        return result >= int.MinValue && result <= int.MaxValue
            ? (int)result
            : throw new ArgumentOutOfRangeException(paramName: null, string.Create(CultureInfo.InvariantCulture,
                $"The points would become {result}, outside what a contact's points can be ({int.MinValue} to {int.MaxValue}); nothing was changed."));
    }

    private static bool SameIdentifierValue(string old, string? value)
        => value is not null && UniqueIdentifier.NormalizeValue(old) == UniqueIdentifier.NormalizeValue(value);

    private void RecordImport(ImportMark mark, bool existed, ContactEvents events)
    {
        if (!State.Imports.TryGetValue(mark.ImportId, out var rows))
            State.Writable.Imports[mark.ImportId] = rows = new ImportedRows();
        rows.Lines.Add(mark.Line);
        if (!existed)
            rows.InsertedAtLine = mark.Line;
        events.Add("lead.imported", ("importId", mark.ImportId), ("line", mark.Line.ToString(CultureInfo.InvariantCulture)),
            ("outcome", existed ? "updated" : "inserted"));
    }

    public Task<ImportRowOutcome?> ImportOutcome(ImportMark mark) => Task.FromResult(ImportOutcomeOf(mark));

    private ImportRowOutcome? ImportOutcomeOf(ImportMark mark) =>
        State.Imports.TryGetValue(mark.ImportId, out var rows) && rows.Lines.Contains(mark.Line)
            ? rows.InsertedAtLine == mark.Line ? ImportRowOutcome.Inserted : ImportRowOutcome.Updated
            : null;

    private void AddUtm(UtmRecord utm, ContactEvents events)
    {
        State.Writable.Utm.Add(utm);
        events.Add("lead.utmtagsadded", ("id", UtmId(utm)), ("utmSource", utm.Source), ("utmMedium", utm.Medium), ("utmCampaign", utm.Campaign),
            ("utmContent", utm.Content), ("utmTerm", utm.Term), ("url", utm.Url));
    }

    /// <summary>The row's id in its timeline entries, as Mautic's lead.utmtagsadded names its lead_utmtags row.</summary>
    private static string UtmId(UtmRecord utm) => utm.Id.ToString(CultureInfo.InvariantCulture);

    public async Task<ContactSnapshot?> Delete(DateTimeOffset at)
    {
        if (State.PendingMerge is not null)
            await FinishPendingMerge();
        // A repeated delete (the answer to the first was lost) finishes what a crash left of it.
        await DeleteNotesLeftByDelete();
        if (State.MergedInto is not null || State.DateAdded is null)
            return null;
        var deleted = ContactRules.Snapshot(Id, State);
        // The empty state is stored before the identifiers are freed: a crash in between leaves a value owned by a
        // deleted contact, which the next writer to meet it frees (ContactWriter, Identification), rather than a free
        // value on a live contact. A write that found this contact before the delete and reaches it after is refused:
        // taking it would bring the contact back holding values the index no longer gives it.
        // The note ids stay in the deleted state until the notes are gone, so a crash in between cannot leave them.
        contact.State = State.Deleted(at);
        await Save([new TimelineEvent(Id, "lead.deleted", at, new Dictionary<string, string?> { ["email"] = deleted.Fields.GetValueOrDefault("email") })]);
        await Task.WhenAll(deleted.Identifiers.Select(key => GrainFactory.GetGrain<IIdentifierIndexGrain>(key).Release(Id)));
        await DeleteNotesLeftByDelete();
        return deleted;
    }

    /// <summary>
    /// A deleted contact's notes go with it, as Mautic's lead_notes rows do with their lead. Called after the delete is
    /// stored, again by a repeated delete and on activation, until the note ids the deleted state keeps are all gone.
    /// </summary>
    private async Task DeleteNotesLeftByDelete()
    {
        if (State.DateDeleted is null || State.MergedInto is not null || State.Notes.Count == 0)
            return;
        await Task.WhenAll(State.Notes.Select(note => GrainFactory.GetGrain<INoteGrain>(note.ToString(CultureInfo.InvariantCulture)).Delete()));
        State.Writable.Notes.Clear();
        await Save();
    }

    private void ApplyTags(IReadOnlyList<string> add, IReadOnlyList<string> remove, TagRename? rename, ContactEvents events)
    {
        // Spellings, told apart exactly: a rename that only changes a tag's case is a change to record.
        var before = State.Tags.ToHashSet(StringComparer.Ordinal);
        foreach (var tag in add)
            ContactRules.ApplyTag(State.Writable.Tags, tag);
        foreach (var tag in remove)
            State.Writable.Tags.Remove(tag.Trim());
        // Taken off before the new name goes on: the two can be one name in another case.
        if (rename is not null && State.Writable.Tags.Remove(rename.From))
            State.Writable.Tags.Add(rename.To);
        var added = State.Tags.Except(before, StringComparer.Ordinal).ToArray();
        var removed = before.Except(State.Tags, StringComparer.Ordinal).ToArray();
        if (added.Length > 0 || removed.Length > 0)
            events.Add("lead.tagsupdated", ("added", string.Join(",", added)), ("removed", string.Join(",", removed)));
    }

    private void ApplySegments(IReadOnlyList<long> join, IReadOnlyList<long> leave, ContactEvents events)
    {
        foreach (var segment in join.Where(segment => State.Writable.Segments.Add(segment)))
        {
            State.Writable.SegmentsJoined[segment] = events.At;
            events.Add("segment_membership", ("segmentId", segment.ToString(CultureInfo.InvariantCulture)), ("action", "added"));
        }
        foreach (var segment in leave.Where(segment => State.Writable.Segments.Remove(segment)))
        {
            if (State.SegmentsJoined.ContainsKey(segment))
                State.Writable.SegmentsJoined.Remove(segment);
            events.Add("segment_membership", ("segmentId", segment.ToString(CultureInfo.InvariantCulture)), ("action", "removed"));
        }
    }

    private void ApplyStage(string? stage, string? leave, ContactEvents events)
    {
        if (leave is not null && stage == leave)
            stage = null;
        if (stage == State.Stage)
            return;
        State.Stage = stage;
        events.Add("stage.changed", ("stageId", stage));
    }

    public Task<ContactSnapshot?> Get()
        => Task.FromResult(State.DateAdded is null && State.MergedInto is null ? null : ContactRules.Snapshot(Id, State));

    public Task<bool> Exists() => Task.FromResult(State.DateAdded is not null && State.MergedInto is null);

    public Task<bool> IsDeleted() => Task.FromResult(State.DateDeleted is not null && State.MergedInto is null);

    /// <summary>Neither merged away nor deleted: a new contact (no write yet) or a live one.</summary>
    private bool IsWritable => State.MergedInto is null && State.DateDeleted is null;

    public Task<IReadOnlyList<TimelineEvent>> Timeline() => timeline.Read(Id);

    public Task<long?> MergedInto() => Task.FromResult(State.MergedInto);

    /// <summary>Sets a field; false when it already held the value.</summary>
    private bool SetField(string alias, string? value, DateTimeOffset at)
    {
        // A repeated value keeps its old modification time, so a merge does not mistake a repeat for news.
        if (State.Fields.GetValueOrDefault(alias) == value)
            return false;
        State.Writable.Fields[alias] = value;
        State.Writable.FieldModifiedAt[alias] = at;
        return true;
    }

    /// <summary>
    /// Stores a change made at <paramref name="at"/> with its timeline entries; the first change brings the contact
    /// into existence (lead.create), one that gives it an email identifies it (lead.identified).
    /// </summary>
    private Task Save(DateTimeOffset at, ContactEvents events)
    {
        State.DateAdded ??= at;
        State.DateModified = State.DateModified > at ? State.DateModified : at;
        ContactRules.CheckIdentified(State, at);
        return Save(events.Close(State));
    }

    /// <summary>
    /// Stores the state and <paramref name="entries"/> together: the contacts table takes them in the row's transaction
    /// (see <see cref="ITimelineOutbox"/>), so a crash never keeps one without the other. A storage without that table
    /// leaves them, and they are appended once the state is stored.
    /// </summary>
    private async Task Save(IReadOnlyList<TimelineEvent> entries)
    {
        State.PendingTimeline.AddRange(entries);
        try
        {
            await contact.WriteOrReloadAsync();
        }
        catch
        {
            // Stored with the row if the write landed; never to be sent again with a later change.
            State.PendingTimeline.Clear();
            throw;
        }
        if (State.PendingTimeline.Count == 0)
            return;
        TimelineEvent[] left = [.. State.PendingTimeline];
        State.PendingTimeline.Clear();
        await timeline.Append(left);
    }

    private Task Save() => Save([]);
}
