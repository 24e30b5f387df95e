using Actors.Grains.Contacts;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Api.Errors;
using Actors.Api.Fields;
using Actors.Api.Json;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
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
public sealed class ContactWriteContext(IGrainFactory grains, ContactWriter writer, FieldCatalogCache catalog, ContactReferences references, IOptions<ContactOptions> options, TimeProvider clock)
{
    public IGrainFactory Grains => grains;
    public ContactWriter Writer => writer;
    public FieldCatalogCache Catalog => catalog;

    /// <summary>Writes one contact body; <paramref name="id"/> is the route or item id (null for Create).</summary>
    public async Task<WriteOutcome> WriteAsync(JsonNode? body, string? id, WriteMode mode)
    {
        var fields = await catalog.GetAsync();
        var (payload, message, details) = ContactPayload.Read(body, fields, options.Value, mode == WriteMode.Replace, fillDefaults: mode != WriteMode.Patch, clock.GetUtcNow());
        if (payload is null)
            return Failure(StatusCodes.Status400BadRequest, message!, details);
        if (payload.Edit.OwnerId is { } owner && await references.FindUserAsync(owner) is null)
            return Failure(StatusCodes.Status400BadRequest, "owner: no user has this id.", new JsonObject { ["owner"] = new JsonArray("No user has this id.") });
        if (payload.Edit.Stage is { } stage)
        {
            if (await references.FindStageAsync(stage) is not { } found)
                return Failure(StatusCodes.Status400BadRequest, "stage: no stage has this id.", new JsonObject { ["stage"] = new JsonArray("No stage has this id.") });
            payload = new ContactPayload(payload.Edit with { Stage = found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        var identifiers = TrackHit.IdentifiersOf(payload.Edit.Fields, fields.UniqueAliases, options.Value.UniqueIdentifiersOperator);
        if (mode != WriteMode.Create && id is not null && await FindAsync(id) is { } contactId)
            return await DescribeAsync(await writer.Update(contactId, payload.Edit, identifiers));
        if (mode == WriteMode.Patch)
            return NotFound();
        if (MissingRequired(payload.Edit, fields) is { Length: > 0 } missing && await writer.FindOwner(identifiers) is null)
            return Failure(StatusCodes.Status422UnprocessableEntity, string.Join(" ", missing.Select(alias => $"{alias}: A value is required.")),
                new JsonObject(missing.Select(alias => KeyValuePair.Create(alias, (JsonNode?)new JsonArray("A value is required.")))));
        return await DescribeAsync(await writer.Upsert(payload.Edit, identifiers));
    }

    /// <summary>
    /// The required fields a new contact from this edit would lack (Mautic's isRequired, checked when a contact is
    /// created; an edit of an existing contact keeps the values it has).
    /// </summary>
    private static string[] MissingRequired(ContactEdit edit, FieldCatalogCache.Snapshot fields) => fields.Fields
        .Where(field => field.IsPublished && field.IsRequired
            && string.IsNullOrWhiteSpace(edit.Fields.GetValueOrDefault(field.Alias)) && !edit.FieldDefaults.ContainsKey(field.Alias))
        .Select(field => field.Alias)
        .ToArray();

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
        contactId = await grains.ResolveContactAsync(contactId);
        return await grains.GetContact(contactId).Exists() ? contactId : null;
    }

    public async Task<JsonObject> ContactJsonAsync(ContactSnapshot contact)
        => ContactJson.Write(contact, (await catalog.GetAsync()).Fields, await references.GetAsync());

    private async Task<WriteOutcome> DescribeAsync(WriteResult result)
    {
        if (result.Outcome == WriteKind.UniqueConflict)
        {
            var key = result.ConflictIdentifier!;
            var alias = key[..key.IndexOf(':')];
            return Failure(StatusCodes.Status422UnprocessableEntity, $"{alias}: This field must be unique.",
                new JsonObject { [alias] = new JsonArray("This field must be unique.") });
        }
        var contact = await ContactJsonAsync((await grains.GetContact(result.ContactId).Get())!);
        return new WriteOutcome(result.Outcome == WriteKind.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, contact, null);
    }

    private static WriteOutcome NotFound() => Failure(StatusCodes.Status404NotFound, "Item was not found.", null);

    private static WriteOutcome Failure(int status, string message, JsonObject? details)
        => new(status, null, (JsonObject)ApiErrors.Body(status, message, details)["errors"]![0]!.DeepClone());
}
