using StoredContact = Actors.Grains.Contacts.ContactPayload;
using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Errors;
using Actors.Api.Fields;
using Actors.Grains.Contacts;
using Actors.Grains.Storage.Contacts.Query;

namespace Actors.Api.Contacts.List;

/// <summary>
/// GET /api/contacts: Mautic's list, answered from the contacts table (the read model), never from grains, so a
/// page costs two queries however many contacts it shows. The body is {"total":"n","contacts":{"id":{…}}} with
/// the contacts in the requested order (the JSON object keeps insertion order).
/// </summary>
public static class ContactListEndpoint
{
    // The lighter serializer group of minimal=1 (MAUTIC-SPEC 3.3).
    static readonly string[] MinimalProperties = ["id", "points", "color", "fields"];

    public static async Task<IResult> ListAsync(HttpContext context, FieldCatalogCache catalog, ContactReferences references, CancellationToken cancellationToken)
    {
        ContactListReader reader;
        try
        {
            reader = context.RequestServices.GetRequiredService<ContactListReader>();
        }
        catch (NotSupportedException withoutTable)
        {
            // The in-memory storage (for tests) keeps no contacts table to list from.
            return ApiErrors.Problem(StatusCodes.Status501NotImplemented, withoutTable.Message);
        }
        var fields = (await catalog.GetAsync()).Fields;
        var known = await references.GetAsync();
        ContactListPage page;
        bool minimal;
        try
        {
            var request = ContactListRequest.Read(context, fields, known.Search);
            minimal = request.Minimal;
            page = await reader.ReadAsync(request.Query, cancellationToken);
        }
        catch (Exception e) when (e is FormatException or ContactQueryException)
        {
            return ApiErrors.BadRequest(e.Message);
        }

        var snapshots = page.Contacts.Select(stored => StoredContact.ToSnapshot(stored.Id, stored.Payload, stored.LastActive)).ToArray();
        known = await references.GetAsync(snapshots.SelectMany(c => c.Tags));
        var contacts = new JsonObject();
        foreach (var snapshot in snapshots)
        {
            var contact = ContactJson.Write(snapshot, fields, known);
            contacts[snapshot.Id.ToString(CultureInfo.InvariantCulture)] = minimal ? Minimal(contact) : contact;
        }
        return Results.Json(new JsonObject { ["total"] = page.Total.ToString(CultureInfo.InvariantCulture), ["contacts"] = contacts });
    }

    static JsonObject Minimal(JsonObject contact)
    {
        var minimal = new JsonObject();
        foreach (var property in MinimalProperties)
        {
            var value = contact[property];
            contact.Remove(property);
            minimal[property] = value;
        }
        return minimal;
    }
}
