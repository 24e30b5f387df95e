using Actors.Grains.Contacts;
using System.Globalization;
using Actors.Api.Auth;
using System.Text.Json.Nodes;
using Actors.Api.Catalogs;
using Actors.Api.Contacts;
using Actors.Api.Errors;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Stages;
using Actors.Runtime;

namespace Actors.Api.Stages;

/// <summary>
/// POST /stages/{id}/contact/{contactId}/add puts the contact in the stage (a contact is in one stage at a time);
/// /remove takes it out if it is in that stage. Both answer {"success":1}, as Mautic's StageApiController does, 404 for an unknown stage or contact,
/// and record stage.changed on the contact's timeline when the stage changed.
/// </summary>
public static class StageMembershipEndpoints
{
    public static RouteGroupBuilder MapStageMembership(this RouteGroupBuilder api)
    {
        var stages = api.MapGroup("/stages");
        stages.MapPost("/{id}/contact/{contactId}/add", (string id, string contactId, HttpContext http, IGrainFactory grains, ContactWriteContext contacts, TimeProvider clock)
            => ChangeAsync(id, contactId, enter: true, http, grains, contacts, clock));
        stages.MapPost("/{id}/contact/{contactId}/remove", (string id, string contactId, HttpContext http, IGrainFactory grains, ContactWriteContext contacts, TimeProvider clock)
            => ChangeAsync(id, contactId, enter: false, http, grains, contacts, clock));
        return api;
    }

    private static async Task<IResult> ChangeAsync(string id, string contactId, bool enter, HttpContext http, IGrainFactory grains, ContactWriteContext contacts, TimeProvider clock)
    {
        if (await CatalogEndpoints.FindAsync(CatalogEndpoints.Catalog<Stage>(grains), id) is not { } stage)
            return ApiErrors.NotFound();
        if (await contacts.FindAsync(contactId) is not { } contact)
            return ApiErrors.Problem(StatusCodes.Status404NotFound, "Contact not found.");
        var stageId = stage.Id.ToString(CultureInfo.InvariantCulture);
        var edit = enter ? new ContactEdit { At = clock.GetUtcNow(), Stage = stageId } : new ContactEdit { At = clock.GetUtcNow(), LeaveStage = stageId };
        var (result, takenBack) = await contacts.UpdateReferencingAsync(contact, edit, http.User.ActingUser());
        if (takenBack)
            return ApiErrors.NotFound();
        return result.Outcome == WriteKind.Updated
            ? Results.Json(new JsonObject { ["success"] = 1 })
            : ApiErrors.Problem(StatusCodes.Status404NotFound, "Contact not found.");
    }
}
