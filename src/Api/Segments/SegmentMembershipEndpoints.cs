using Actors.Grains.Contacts;
using System.Text.Json.Nodes;
using Actors.Api.Auth;
using Actors.Api.Catalogs;
using Actors.Api.Contacts;
using Actors.Api.Errors;
using Actors.Interfaces.Segments;
using Actors.Runtime;

namespace Actors.Api.Segments;

/// <summary>
/// Manual segment membership (Mautic's developer documentation, "Segments"): POST
/// /segments/{id}/contact/{contactId}/add|remove answer {"success":1}, as Mautic's ListApiController does; POST
/// /segments/{id}/contacts/add and /contacts/remove take {"ids":[…]} and answer {"success":1,"details":{"id":{"success":bool}}}, false for a
/// contact that does not exist. Membership is kept by the contact, so merges keep it. A merged-away id acts on its winner.
/// </summary>
public static class SegmentMembershipEndpoints
{
    /// <summary>The most contacts one batch call changes, as for contact batches.</summary>
    public const int MaxBatch = ContactOptions.DefaultBatchLimit;

    public static RouteGroupBuilder MapSegmentMembership(this RouteGroupBuilder api)
    {
        var segments = api.MapGroup("/segments");
        segments.MapPost("/{id}/contact/{contactId}/add", (string id, string contactId, HttpContext http, IGrainFactory grains, ContactWriteContext contacts, TimeProvider clock)
            => ChangeOneAsync(id, contactId, join: true, http, grains, contacts, clock));
        segments.MapPost("/{id}/contact/{contactId}/remove", (string id, string contactId, HttpContext http, IGrainFactory grains, ContactWriteContext contacts, TimeProvider clock)
            => ChangeOneAsync(id, contactId, join: false, http, grains, contacts, clock));
        segments.MapPost("/{id}/contacts/add", (string id, HttpRequest request, IGrainFactory grains, ContactWriteContext contacts, TimeProvider clock)
            => ChangeManyAsync(id, request, join: true, grains, contacts, clock));
        segments.MapPost("/{id}/contacts/remove", (string id, HttpRequest request, IGrainFactory grains, ContactWriteContext contacts, TimeProvider clock)
            => ChangeManyAsync(id, request, join: false, grains, contacts, clock));
        return api;
    }

    private static async Task<IResult> ChangeOneAsync(string id, string contactId, bool join, HttpContext http, IGrainFactory grains, ContactWriteContext contacts, TimeProvider clock)
    {
        if (await CatalogEndpoints.FindAsync(CatalogEndpoints.Catalog<Segment>(grains), id) is not { } segment)
            return ApiErrors.NotFound();
        return await ChangeAsync(segment, contactId, join, http.User.ActingUser(), contacts, clock) switch
        {
            Change.Done => Results.Json(new JsonObject { ["success"] = 1 }),
            Change.NoContact => ApiErrors.Problem(StatusCodes.Status404NotFound, "Contact not found."),
            _ => ApiErrors.NotFound(),
        };
    }

    private static async Task<IResult> ChangeManyAsync(string id, HttpRequest request, bool join, IGrainFactory grains, ContactWriteContext contacts, TimeProvider clock)
    {
        if (await CatalogEndpoints.FindAsync(CatalogEndpoints.Catalog<Segment>(grains), id) is not { } segment)
            return ApiErrors.NotFound();
        var (body, malformed) = await contacts.ReadJsonAsync(request, allowEmpty: false);
        if (malformed is not null)
            return malformed;
        if (body is not JsonObject { } members || members["ids"] is not JsonArray ids || ids.Any(i => i is not JsonValue))
            return ApiErrors.BadRequest("The body must be {\"ids\":[contact ids]}.", new JsonObject { ["ids"] = new JsonArray("Must be an array of contact ids.") });
        if (ids.Count > MaxBatch)
            return ApiErrors.BadRequest($"A max of {MaxBatch} entities are supported at a time.");
        var details = new JsonObject();
        var by = request.HttpContext.User.ActingUser();
        foreach (var contactId in ids.Select(i => Actors.Api.Contacts.ContactPayload.Text(i)!).Distinct())
        {
            // A segment deleted meanwhile took back this add and swept out the earlier ones: none of the batch remains.
            var change = await ChangeAsync(segment, contactId, join, by, contacts, clock);
            if (change == Change.SegmentGoing)
                return ApiErrors.NotFound();
            details[contactId] = new JsonObject { ["success"] = change == Change.Done };
        }
        return Results.Json(new JsonObject { ["success"] = 1, ["details"] = details });
    }

    private enum Change
    {
        Done,
        NoContact,
        SegmentGoing,
    }

    /// <summary>Adds the contact to the segment or takes it out, as made by <paramref name="by"/>.</summary>
    private static async Task<Change> ChangeAsync(Segment segment, string contactId, bool join, Interfaces.Users.ActingUser? by, ContactWriteContext contacts, TimeProvider clock)
    {
        if (await contacts.FindAsync(contactId) is not { } contact)
            return Change.NoContact;
        var edit = new Interfaces.Contacts.ContactEdit
        {
            At = clock.GetUtcNow(),
            JoinSegments = join ? [segment.Id] : [],
            LeaveSegments = join ? [] : [segment.Id],
        };
        var (result, takenBack) = await contacts.UpdateReferencingAsync(contact, edit, by);
        return takenBack ? Change.SegmentGoing : result.Outcome == WriteKind.Updated ? Change.Done : Change.NoContact;
    }

    /// <summary>A segment as a contact's membership list shows it.</summary>
    public static JsonObject Membership(Segment segment) => new()
    {
        ["id"] = segment.Id,
        ["name"] = segment.Name,
        ["alias"] = segment.Alias,
    };
}
