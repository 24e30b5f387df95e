using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Fields;
using Actors.Api.Segments;
using Actors.Api.Errors;
using Actors.Interfaces.Contacts;
using Actors.Runtime;

namespace Actors.Api.Contacts;

/// <summary>
/// The lists a contact form needs (seed 004): GET /contacts/list/owners (users that can own contacts, as
/// [{id, firstName, lastName}]), /contacts/list/fields (the field catalog keyed by id), /contacts/list/segments
/// (segments keyed by id), and GET /contacts/{id}/segments, a contact's memberships. The memberships answer under
/// "lists", as Mautic's source does (its documentation says "segments").
/// </summary>
public static class ContactListingEndpoints
{
    public static RouteGroupBuilder MapContactListings(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("/contacts");
        contacts.MapGet("/list/owners", OwnersAsync);
        contacts.MapGet("/list/fields", FieldsAsync);
        contacts.MapGet("/list/segments", SegmentsAsync);
        contacts.MapGet("/{id}/segments", MembershipsAsync);
        return api;
    }

    private static async Task<IResult> OwnersAsync(ContactReferences references)
    {
        references.Invalidate();
        var owners = (await references.GetAsync()).Users.Where(u => u.IsPublished).OrderBy(u => u.Id)
            .Select(u => (JsonNode)new JsonObject { ["id"] = u.Id, ["firstName"] = u.FirstName, ["lastName"] = u.LastName });
        return Results.Json(new JsonArray(owners.ToArray()));
    }

    private static async Task<IResult> FieldsAsync(FieldCatalogCache catalog)
    {
        var fields = new JsonObject();
        foreach (var field in (await catalog.GetAsync()).Fields)
            fields[field.Id.ToString(CultureInfo.InvariantCulture)] = FieldJson.Listed(field);
        return Results.Json(fields);
    }

    private static async Task<IResult> SegmentsAsync(ContactReferences references)
    {
        var segments = new JsonObject();
        foreach (var segment in (await references.GetAsync()).Segments.OrderBy(s => s.Id))
            segments[segment.Id.ToString(CultureInfo.InvariantCulture)] = SegmentMembershipEndpoints.Membership(segment);
        return Results.Json(segments);
    }

    private static async Task<IResult> MembershipsAsync(string id, IGrainFactory grains, ContactWriteContext contacts, ContactReferences references)
    {
        if (await contacts.FindAsync(id) is not { } contactId || await grains.GetContact(contactId).Get() is not { } contact)
            return ApiErrors.NotFound();
        var known = await references.GetAsync();
        var lists = new JsonObject();
        foreach (var segment in contact.Segments.Select(known.Segment).OfType<Interfaces.Segments.Segment>())
        {
            var membership = SegmentMembershipEndpoints.Membership(segment);
            membership["manuallyAdded"] = true;
            membership["manuallyRemoved"] = false;
            membership["dateAdded"] = ContactJson.Date(contact.SegmentsJoined.TryGetValue(segment.Id, out var joined) ? joined : null);
            lists[segment.Id.ToString(CultureInfo.InvariantCulture)] = membership;
        }
        return Results.Json(new JsonObject { ["total"] = lists.Count, ["lists"] = lists });
    }
}
