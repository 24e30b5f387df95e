using Actors.Grains.Catalogs;
using Actors.Grains.Companies;
using Actors.Grains.Contacts;
using Actors.Grains.Fields;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Imports;
using Actors.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Imports;

/// <summary>What one row came to: counted as inserted, updated or ignored (null: a blank line, not counted).</summary>
internal sealed record ImportRowResult(long Line, ImportRowOutcome? Outcome, IReadOnlyList<ImportProblem> Problems)
{
    public bool IsIgnored => Outcome is null && Problems.Any(p => p.RowIgnored);
}

/// <summary>
/// Applies a batch of row plans through <see cref="ContactWriter"/>, the path the create endpoint takes, so the
/// identifier index grains decide update versus insert and an import racing live tracking never makes a duplicate.
/// Rows run concurrently in <see cref="WriteLanes"/>, <see cref="ImportOptions.ConcurrentRows"/> at a time, so that their
/// writes share group commits; rows that share a contact id or any unique value, or lead to one contact through them, run in file order. Every edit carries its import line, so a
/// row replayed after a crash is applied once and still answers what it did the first time.
/// </summary>
internal sealed class ImportRowWriter(IGrainFactory grains, ContactWriter writer, GoingFields goingFields, IOptions<ImportOptions> options)
{
    private const string LeftDeletedEntries = "The segment or stage was deleted while the import ran; the contact is not in it.";

    /// <summary>
    /// Applies the plans, read against <paramref name="fields"/>; a segment, stage or owner whose delete began is left out
    /// of a row that starts after it, and a value of a field, and a segment, stage or owner, whose delete began while the
    /// row was written is taken back (<see cref="GoingFields"/>, <see cref="GoingEntries"/>), as the API's writes do. Once
    /// <paramref name="stop"/> is signalled no further row starts, and its result is null; the rows already started
    /// finish, so what they did is known exactly.
    /// </summary>
    public async Task<ImportRowResult?[]> ApplyAsync(string importId, IReadOnlyList<ImportRowPlan> plans, IReadOnlyList<FieldDefinition> fields,
        CancellationToken stop)
    {
        if (stop.IsCancellationRequested)
            return new ImportRowResult?[plans.Count];
        var companyOrder = CompanyOrderKeys(plans);
        var lanes = await WriteLanes.OfReachedAsync(plans.Count, i => plans[i].ConflictKeys, writer.ContactReachedBy, options.Value.ConcurrentRows,
            i => companyOrder[i] is { } key ? [key] : []);
        return await WriteLanes.RunAsync(lanes, plans.Count,
            async i => stop.IsCancellationRequested ? null : await ApplyAsync(importId, plans[i], fields), options.Value.ConcurrentRows);
    }

    private async Task<ImportRowResult> ApplyAsync(string importId, ImportRowPlan plan, IReadOnlyList<FieldDefinition> fields)
    {
        if (plan.IsSkipped)
            return new ImportRowResult(plan.Line, null, []);
        if (plan.Error is not null || plan.Edit is null)
            return new ImportRowResult(plan.Line, null, [new ImportProblem(plan.Line, plan.Error ?? "The row could not be read.", RowIgnored: true)]);

        var mark = new ImportMark(importId, plan.Line);
        // A row that starts once a delete has begun leaves what is going out, so its contact's timeline shows no join
        // and leave; the take-back below is for a delete that begins while the row is written.
        var unjoined = await GoingEntries.WithoutGoingAsync(grains, plan.Edit);
        var edit = (unjoined ?? plan.Edit) with { Import = mark };
        var target = plan.ContactId is { } named ? await LiveContact(named) : null;
        // The create endpoint's 422 rule: a row lacking a required value may update the contact it names or matches,
        // but makes no contact without it.
        if (target is null && plan.MissingRequired.Count > 0 && await writer.FindOwner(plan.Identifiers) is null)
            return new ImportRowResult(plan.Line, null, [new ImportProblem(plan.Line, RequiredFields.Message(plan.MissingRequired), RowIgnored: true)]);
        var identifiers = KeysOf(importId, plan, target);
        var written = target is { } id ? await writer.Update(id, edit, identifiers) : await writer.Upsert(edit, identifiers);
        if (written.Outcome == WriteKind.Deleted)
            return new ImportRowResult(plan.Line, null, [new ImportProblem(plan.Line, $"id: contact {written.ContactId} was deleted while the import ran.", RowIgnored: true)]);
        if (written.Outcome == WriteKind.UniqueConflict)
        {
            var key = written.ConflictIdentifier!;
            var alias = key[..key.IndexOf(':')];
            return new ImportRowResult(plan.Line, null,
                [new ImportProblem(plan.Line, $"{alias}: the value belongs to another contact than contact {written.ContactId}.", RowIgnored: true)]);
        }
        await goingFields.TakeBackAsync(fields, written.ContactId, GoingFields.WrittenBy(edit), DateTimeOffset.UtcNow);
        // The row was written before the delete, as far as the delete's sweep can tell, so it still counts.
        var warnings = await GoingEntries.TakeBackAsync(grains, writer, written.ContactId, edit, DateTimeOffset.UtcNow) || unjoined is not null
            ? [.. plan.Warnings, new ImportProblem(plan.Line, LeftDeletedEntries, RowIgnored: false)]
            : plan.Warnings;
        var outcome = await grains.GetContact(written.ContactId).ImportOutcome(mark) ?? ImportRowOutcome.Updated;
        return new ImportRowResult(plan.Line, outcome, warnings);
    }

    /// <summary>
    /// Per row, the key that keeps it in file order with the other rows naming its company, or null. Mautic imports one
    /// row at a time, so the first row naming a new company spells its name and the last value given a company field
    /// stays; rows running at once would leave either to chance. Only rows that name one company differently (in
    /// another case, or with other company* values) need the order, so rows naming it alike still run at once.
    /// </summary>
    private static string?[] CompanyOrderKeys(IReadOnlyList<ImportRowPlan> plans)
    {
        var named = plans.Select(plan => plan is { Error: null, Edit: { } edit } && CompaniesByName.NamesCompany(edit)
            ? (Key: CompanyNames.Key(edit.Fields[CompaniesByName.CompanyField]!.Trim()), Asks: CompanyAsked(edit))
            : default).ToArray();
        var differing = named.Where(row => row.Key is not null).GroupBy(row => row.Key, StringComparer.Ordinal)
            .Where(rows => rows.Select(row => row.Asks).Distinct(StringComparer.Ordinal).Skip(1).Any())
            .Select(rows => rows.Key).ToHashSet(StringComparer.Ordinal);
        return named.Select(row => row.Key is { } key && differing.Contains(key) ? "company-order:" + key : null).ToArray();
    }

    /// <summary>What a row asks of its company: its name as spelled and its company* values, as one comparable text.</summary>
    private static string CompanyAsked(ContactEdit edit)
        => string.Join('\0', edit.CompanyFields.OrderBy(field => field.Key, StringComparer.Ordinal)
            .Select(field => field.Key + "=" + (field.Value is null ? "\u0001" : field.Value))
            .Prepend(edit.Fields[CompaniesByName.CompanyField]!.Trim()));

    /// <summary>
    /// The rows of a batch that were applied before a crash cut it short (an import that writes no more replays its
    /// batch this way), answered as they were the first time; the rows not applied are left out and nothing is written.
    /// </summary>
    public async Task<IReadOnlyList<ImportRowResult>> AppliedAsync(string importId, IReadOnlyList<ImportRowPlan> plans)
    {
        // Only reads: no row waits for another, so each is a lane of its own and no key is looked up to join them.
        var ownLanes = Enumerable.Range(0, plans.Count).Select(i => new[] { i }).ToArray();
        var results = await WriteLanes.RunAsync<ImportRowResult?>(ownLanes, plans.Count, async i =>
        {
            var plan = plans[i];
            if (plan.IsSkipped || plan.Error is not null || plan.Edit is null)
                return null;
            var target = plan.ContactId is { } named ? await LiveContact(named) : null;
            var contact = target ?? await writer.FindOwner(KeysOf(importId, plan, target));
            var outcome = contact is { } id ? await grains.GetContact(await grains.ResolveContactAsync(id)).ImportOutcome(new ImportMark(importId, plan.Line)) : null;
            return outcome is null ? null : new ImportRowResult(plan.Line, outcome, plan.Warnings);
        }, options.Value.ConcurrentRows);
        return results.OfType<ImportRowResult>().ToArray();
    }

    /// <summary>
    /// The keys that decide the row's contact. A row without a unique value still needs one key that a replay finds
    /// again, or a replay would insert twice.
    /// </summary>
    private static IReadOnlyList<string> KeysOf(string importId, ImportRowPlan plan, long? target) =>
        plan.Identifiers.Count > 0 || target is not null ? plan.Identifiers : [$"import:{importId}:{plan.Line}"];

    private async Task<long?> LiveContact(long contactId)
    {
        var resolved = await grains.ResolveContactAsync(contactId);
        return await grains.GetContact(resolved).Exists() ? resolved : null;
    }
}
