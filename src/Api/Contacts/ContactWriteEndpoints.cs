using Actors.Api.Auth;
using Actors.Api.Errors;
using Actors.Api.Http;

namespace Actors.Api.Contacts;

/// <summary>
/// Creating, editing and deleting one contact (seed 004 "Create Contact", "Edit Contact", "Delete Contact").
/// POST /new and PUT on a missing id upsert on the unique identifiers (PUT replaces: the fields its body leaves out are
/// cleared); PATCH edits only an existing contact.
/// A merged-away id acts on its winner.
/// </summary>
public static class ContactWriteEndpoints
{
    public static RouteGroupBuilder MapContactWrites(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("/contacts");
        contacts.MapPost("/new", (HttpContext http, ContactWriteContext context) => WriteAsync(http, context, null, WriteMode.Create));
        // A route id that no contact can have is not a missing contact for PUT to create: the address names nothing.
        contacts.MapPut("/{id}/edit", (string id, HttpContext http, ContactWriteContext context)
            => ContactIds.TryParse(id, out _) ? WriteAsync(http, context, id, WriteMode.Replace) : Task.FromResult(ApiErrors.NotFound()));
        contacts.MapPatch("/{id}/edit", (string id, HttpContext http, ContactWriteContext context) => WriteAsync(http, context, id, WriteMode.Patch));
        contacts.MapDelete("/{id}/delete", async (string id, ContactWriteContext context) => (await context.DeleteAsync(id)).ToResult());
        return api;
    }

    private static async Task<IResult> WriteAsync(HttpContext http, ContactWriteContext context, string? id, WriteMode mode)
    {
        var (body, malformed) = await context.ReadJsonAsync(http.Request, allowEmpty: false);
        if (malformed is not null)
            return malformed;
        var outcome = await context.WriteAsync(body, id, mode, http.User.ActingUser());
        if (outcome.Status == StatusCodes.Status201Created)
            ApiLocation.Set(http, $"/api/contacts/{outcome.Contact!["id"]}");
        return outcome.ToResult();
    }
}
