using Stored = Actors.Grains.Contacts.ContactPayload;
using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Errors;
using Actors.Api.Fields;
using Actors.Api.Lists;
using Actors.Interfaces.Fields;
using Actors.Grains.Contacts;
using Actors.Grains.Storage.Contacts.Query;

namespace Actors.Api.Contacts.List;

/// <summary>
/// GET /api/contacts: Mautic's list, answered from the contacts table (the read model), never from grains, so a
/// page costs two queries however many contacts it shows. The body is {"total":"n","contacts":{"id":{…}}} with
/// the contacts in the requested order, written as they are read (<see cref="StreamedList"/>): limit=0 lists every
/// contact, as in Mautic, in the memory of one batch, once it has one of the <see cref="StreamSlots"/>.
/// </summary>
public static class ContactListEndpoint
{
    // The lighter serializer group of minimal=1 (MAUTIC-SPEC 3.3).
    static readonly string[] MinimalProperties = ["id", "points", "color", "fields"];

    public static async Task<IResult> ListAsync(HttpContext context, FieldCatalogCache catalog, ContactReferences references, StreamSlots slots, CancellationToken cancellationToken)
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
        long total;
        IAsyncEnumerable<IReadOnlyList<StoredContact>> batches;
        bool minimal;
        IDisposable? slot = null;
        try
        {
            var request = ContactListRequest.Read(context, fields, known.Search);
            minimal = request.Minimal;
            if (StreamedList.Streams(request.Query.Limit))
            {
                if ((slot = await slots.TakeAsync(context)) is null)
                    return StreamSlots.Busy(context);
                // Counted first, which also refuses a filter the database cannot take before the answer starts.
                total = await reader.CountAsync(request.Query, cancellationToken);
                batches = reader.StreamAsync(request.Query, StreamedList.BatchSize, cancellationToken);
            }
            else
            {
                var page = await reader.ReadAsync(request.Query, cancellationToken);
                (total, batches) = (page.Total, new[] { page.Contacts }.ToAsyncEnumerable());
            }
        }
        catch (Exception e) when (e is FormatException or ContactQueryException)
        {
            return ApiErrors.BadRequest(e.Message);
        }
        return new StreamedList(total.ToString(CultureInfo.InvariantCulture), "contacts", keyed: true, Write(batches, fields, references, minimal), slot);
    }

    /// <summary>The contacts of each batch as the list answers them, each built only when it is written.</summary>
    static async IAsyncEnumerable<IEnumerable<KeyValuePair<string, JsonNode>>> Write(IAsyncEnumerable<IReadOnlyList<StoredContact>> batches,
        IReadOnlyList<FieldDefinition> fields, ContactReferences references, bool minimal)
    {
        await foreach (var batch in batches)
        {
            var snapshots = batch.Select(stored => Stored.ToSnapshot(stored.Id, stored.Payload, stored.LastActive)).ToArray();
            var known = await references.GetAsync(snapshots.SelectMany(c => c.Tags));
            yield return snapshots.Select(snapshot =>
            {
                var contact = ContactJson.Write(snapshot, fields, known);
                return KeyValuePair.Create(snapshot.Id.ToString(CultureInfo.InvariantCulture), (JsonNode)(minimal ? Minimal(contact) : contact));
            });
        }
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
