using Actors.Grains.Contacts;
using Actors.Grains.Fields;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Api.Catalogs;
using Actors.Api.Companies;
using Actors.Grains.Catalogs;
using Actors.Api.Errors;
using Actors.Api.Fields;
using Actors.Api.Json;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Segments;
using Actors.Interfaces.Stages;
using Actors.Interfaces.Users;
using Actors.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Api.Contacts;

/// <summary>How a write treats a missing contact and blank values.</summary>
public enum WriteMode
{
    /// <summary>POST new: upsert on the unique identifiers; blanks are ignored.</summary>
    Create,

    /// <summary>PUT edit: a missing id creates (Mautic picks a new id); blanks clear unless overwriteWithBlank=false.</summary>
    Replace,

    /// <summary>PATCH edit: a missing id is 404; blanks are ignored.</summary>
    Patch,
}

/// <summary>What one write did: the HTTP status, and the contact or the error. Batches report one per item.</summary>
public sealed record WriteOutcome(int Status, JsonObject? Contact, JsonObject? Error)
{
    public IResult ToResult() => Contact is null
        ? Results.Json(new JsonObject { ["errors"] = new JsonArray(Error!.DeepClone()) }, statusCode: Status)
        : Results.Json(new JsonObject { ["contact"] = Contact.DeepClone() }, statusCode: Status);
}

/// <summary>What the single and batch write endpoints share: checking a body, writing it, and describing the result.</summary>
public sealed class ContactWriteContext(IGrainFactory grains, ContactWriter writer, FieldCatalogCache catalog, ContactReferences references, GoingFields goingFields,
    CompanyDirectory companies, IOptions<ContactOptions> options, TimeProvider clock)
{
    // A contact merged away while it was looked up leads on to its winner, and one deleted while it was written is
    // written again; more than a few in a row is no race but a fault.
    private const int MaxFindAttempts = 5;

    public IGrainFactory Grains => grains;
    public ContactWriter Writer => writer;
    public FieldCatalogCache Catalog => catalog;

    /// <summary>
    /// Writes one contact body; <paramref name="id"/> is the route or item id (null for Create), <paramref name="by"/> the
    /// signed-in user, recorded as the contact's modifier and, when the write creates it, its creator.
    /// </summary>
    public async Task<WriteOutcome> WriteAsync(JsonNode? body, string? id, WriteMode mode, ActingUser? by)
    {
        // A PATCH of {} (or of the contact's id alone, which a body never changes) names nothing to change: Mautic answers
        // the contact as it is, and nothing is written, so neither dateModified nor the timeline moves (a write of no
        // change would still stamp the contact modified).
        if (mode == WriteMode.Patch && id is not null && body is JsonObject members && ContactPayload.NamesNothing(members))
            return await FindContactAsync(id) is { } unchanged ? new WriteOutcome(StatusCodes.Status200OK, await ContactJsonAsync(unchanged), null) : NotFound();
        var fields = await catalog.GetAsync();
        // Every field the body gets wrong is answered in one 400, the owner, stage and companies it names that do not
        // exist among them, as Mautic's form validation reports each invalid field.
        var problems = new FieldProblems();
        var (payload, message, details) = ContactPayload.Read(body, fields, options.Value, mode == WriteMode.Replace, fillDefaults: mode != WriteMode.Patch, clock.GetUtcNow(), problems);
        if (payload is null)
            return Failure(StatusCodes.Status400BadRequest, message!, details);
        payload = new ContactPayload(payload.Edit with { By = by });
        if (payload.Edit.OwnerId is { } owner && await references.FindOwnerAsync(owner) is null)
            problems.Add("owner", "no published user has this id.", "No published user has this id.");
        if (payload.Edit.Stage is { } stage)
        {
            if (await references.FindStageAsync(stage) is { } found)
                payload = new ContactPayload(payload.Edit with { Stage = found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            else
                problems.Add("stage", "no stage has this id.", "No stage has this id.");
        }
        if (payload.Edit.SetCompanies is { } links)
        {
            var named = new List<CompanyLink>(links.Count);
            foreach (var link in links)
            {
                if (await companies.Get(link.CompanyId) is { } company)
                    named.Add(link with { CompanyName = company.Name });
                else
                    problems.Add("companies", $"no company has the id {link.CompanyId}.", $"No company has the id {link.CompanyId}.");
            }
            payload = new ContactPayload(payload.Edit with { SetCompanies = named });
        }
        if (problems.Any)
            return Failure(StatusCodes.Status400BadRequest, problems.Message, problems.Details());
        var combine = options.Value.UniqueIdentifiersOperator;
        var identifiers = TrackHit.IdentifiersOf(payload.Edit.Fields, fields.UniqueAliases, combine);
        if (combine == UniqueIdentifiersOperator.And)
            payload = new ContactPayload(payload.Edit with { CombinedUniqueAliases = fields.UniqueAliases });
        if (mode != WriteMode.Create && id is not null && await FindAsync(id) is { } contactId)
        {
            var edit = mode == WriteMode.Replace ? Replacing(payload.Edit, body, fields) : payload.Edit;
            if (RequiredFields.ClearedBy(fields.Fields, edit) is { Count: > 0 } emptied)
                return RequiredMissing(emptied);
            var updated = await DescribeAsync(await WriteReferencingAsync(writer.Update(contactId, edit, identifiers), edit, fields));
            // PUT creates when its contact is gone, as for an id that never existed, and so when it was deleted meanwhile.
            if (updated.Status != StatusCodes.Status404NotFound || mode == WriteMode.Patch)
                return updated;
        }
        else if (mode == WriteMode.Patch)
        {
            return NotFound();
        }
        if (RequiredFields.MissingFrom(fields.Fields, payload.Edit) is { Count: > 0 } missing && await writer.FindOwner(identifiers) is null)
            return RequiredMissing(missing);
        if (RequiredFields.ClearedBy(fields.Fields, payload.Edit) is { Count: > 0 } cleared)
            return RequiredMissing(cleared);
        return await UpsertAsync(payload.Edit, identifiers, fields);
    }

    /// <summary>The unique fields when they identify a contact only together (And), else null: what a merge's winner claims by.</summary>
    public async Task<IReadOnlyList<string>?> CombinedUniqueAliasesAsync()
        => options.Value.UniqueIdentifiersOperator == UniqueIdentifiersOperator.And ? (await catalog.GetAsync()).UniqueAliases : null;

    private static WriteOutcome RequiredMissing(IReadOnlyList<string> aliases)
    {
        var problems = new FieldProblems();
        foreach (var alias in aliases)
            problems.Add(alias, RequiredFields.Problem);
        return Failure(StatusCodes.Status422UnprocessableEntity, problems.Message, problems.Details());
    }

    /// <summary>
    /// Creates or updates by the unique identifiers. A contact deleted between the write and reading it back puts
    /// the delete after this write, which then starts over: the caller asked for a contact holding these values.
    /// </summary>
    private async Task<WriteOutcome> UpsertAsync(ContactEdit edit, IReadOnlyList<string> identifiers, FieldCatalogCache.Snapshot fields)
    {
        for (var attempt = 1; ; attempt++)
        {
            var written = await DescribeAsync(await WriteReferencingAsync(writer.Upsert(edit, identifiers), edit, fields));
            if (written.Status != StatusCodes.Status404NotFound || attempt == MaxFindAttempts)
                return written;
        }
    }

    /// <summary>
    /// A PUT of an existing contact replaces its information (seed 004 "Edit Contact", Mautic's form submitted with
    /// missing fields cleared): every published field the body leaves out is cleared, and then takes its default value,
    /// as on a create. Points and last_active are the contact's own members, which PUT sets only when named.
    /// </summary>
    private static ContactEdit Replacing(ContactEdit edit, JsonNode? body, FieldCatalogCache.Snapshot catalog)
    {
        var named = ((JsonObject)body!).Select(member => member.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fields = new Dictionary<string, string?>(edit.Fields);
        foreach (var field in catalog.Fields.Where(f => f.IsPublished && f.Alias is not ("points" or "last_active") && !named.Contains(f.Alias)))
            fields.TryAdd(field.Alias, null);
        return edit with { Fields = fields };
    }

    /// <summary>
    /// Applies an action's <paramref name="edit"/> (points, do-not-contact, UTM, a membership, a batch action) to the
    /// contact as made by <paramref name="by"/>, the signed-in user, whom the contact then names its modifier as after a
    /// body's write: Mautic saves each of these through LeadModel::saveEntity, which stamps the user.
    /// </summary>
    public Task<WriteResult> UpdateAsync(long contactId, ContactEdit edit, ActingUser? by) => writer.Update(contactId, edit with { By = by }, []);

    /// <summary>
    /// Applies <paramref name="edit"/> to the contact as <see cref="UpdateAsync"/> does, then takes back the segments it
    /// joined and the stage it entered that a delete began to remove meanwhile (<see cref="GoingEntries"/>). Answers the
    /// write's result and whether something was taken back, which the caller reports as the entry not found.
    /// </summary>
    public async Task<(WriteResult Result, bool TakenBack)> UpdateReferencingAsync(long contactId, ContactEdit edit, ActingUser? by)
    {
        var result = await UpdateAsync(contactId, edit, by);
        return (result, await TakeBackGoingAsync(result, edit));
    }

    /// <summary>
    /// A body's write whose stage, or one of whose fields (checked against <paramref name="fields"/>), a delete began to
    /// remove meanwhile leaves the contact without it, as the delete's sweep would have: the write counts as one made
    /// just before the delete, and the contact is answered as it then is.
    /// </summary>
    private async Task<WriteResult> WriteReferencingAsync(Task<WriteResult> write, ContactEdit edit, FieldCatalogCache.Snapshot fields)
    {
        var result = await write;
        await TakeBackGoingAsync(result, edit);
        if (result.Outcome is WriteKind.Updated or WriteKind.Created)
            await goingFields.TakeBackAsync(fields.Fields, result.ContactId, GoingFields.WrittenBy(edit), clock.GetUtcNow());
        return result;
    }

    /// <summary>
    /// Takes back what <paramref name="edit"/> pointed the written contact at that a delete began to remove meanwhile
    /// (segments, stage, companies); true when it did.
    /// </summary>
    private async Task<bool> TakeBackGoingAsync(WriteResult result, ContactEdit edit)
    {
        if (result.Outcome is not (WriteKind.Updated or WriteKind.Created))
            return false;
        var entries = await GoingEntries.TakeBackAsync(grains, writer, result.ContactId, edit, clock.GetUtcNow());
        var linked = edit.SetCompanies is { } links && await companies.TakeBackGoingAsync(result.ContactId, links, clock.GetUtcNow());
        return entries || linked;
    }

    public async Task<WriteOutcome> DeleteAsync(string id)
    {
        if (await FindAsync(id) is not { } contactId)
            return NotFound();
        var deleted = await grains.GetContact(contactId).Delete(clock.GetUtcNow());
        return deleted is null ? NotFound() : new WriteOutcome(StatusCodes.Status200OK, await ContactJsonAsync(deleted), null);
    }

    /// <summary>
    /// The body as a JSON tree, or the error to answer (<see cref="RequestJson.ReadAsync"/>): 413 past
    /// <see cref="ContactOptions.MaxBodyLength"/>, 400 for what no endpoint could read. An empty body is null where the endpoint allows it.
    /// </summary>
    public Task<(JsonNode? Body, IResult? Error)> ReadJsonAsync(HttpRequest request, bool allowEmpty)
        => RequestJson.ReadAsync(request, options.Value.MaxBodyLength, allowEmpty);

    /// <summary>The live contact a route id names (following merges), or null when there is none.</summary>
    public async Task<long?> FindAsync(string id)
    {
        if (!ContactIds.TryParse(id, out var contactId))
            return null;
        // Exists waits behind a merge in progress and then answers false for a contact merged away meanwhile, which
        // was never missing: its id leads on to the winner, so it is resolved again.
        for (var attempt = 0; attempt < MaxFindAttempts; attempt++)
        {
            contactId = await grains.ResolveContactAsync(contactId);
            var contact = grains.GetContact(contactId);
            if (await contact.Exists())
                return contactId;
            if (await contact.MergedInto() is null)
                return null;
        }
        return null;
    }

    /// <summary>The live contact a route id names (following merges), or null when there is none or it was deleted meanwhile.</summary>
    public async Task<ContactSnapshot?> FindContactAsync(string id)
        => await FindAsync(id) is { } contactId ? await grains.GetContact(contactId).Get() : null;

    public async Task<JsonObject> ContactJsonAsync(ContactSnapshot contact)
        => ContactJson.Write(contact, (await catalog.GetAsync()).Fields, await references.GetAsync(contact.Tags));

    private async Task<WriteOutcome> DescribeAsync(WriteResult result)
    {
        if (result.Outcome == WriteKind.Deleted)
            return NotFound();
        if (result.Outcome == WriteKind.UniqueConflict)
        {
            var key = result.ConflictIdentifier!;
            var alias = key[..key.IndexOf(':')];
            return Failure(StatusCodes.Status422UnprocessableEntity, $"{alias}: This field must be unique.",
                new JsonObject { [alias] = new JsonArray("This field must be unique.") });
        }
        var written = grains.GetContact(result.ContactId);
        if (await written.Get() is not { } contact)
        {
            // Deleted since the write, or, should a silo fail over between the two calls, not readable yet: the write
            // itself is stored either way.
            return await written.IsDeleted()
                ? NotFound()
                : Failure(StatusCodes.Status503ServiceUnavailable, "The contact was written but could not be read back; repeat the request to see it.", null);
        }
        return new WriteOutcome(result.Outcome == WriteKind.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, await ContactJsonAsync(contact), null);
    }

    private static WriteOutcome NotFound() => Failure(StatusCodes.Status404NotFound, "Item was not found.", null);

    private static WriteOutcome Failure(int status, string message, JsonObject? details)
        => new(status, null, (JsonObject)ApiErrors.Body(status, message, details)["errors"]![0]!.DeepClone());
}
