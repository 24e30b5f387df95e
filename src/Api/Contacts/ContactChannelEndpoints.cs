using System.Globalization;
using Actors.Api.Auth;
using System.Text.Json.Nodes;
using Actors.Api.Errors;
using Actors.Grains.Contacts;
using Actors.Interfaces.Contacts;

namespace Actors.Api.Contacts;

/// <summary>
/// The contact's channel actions (seed 004 "Add Do Not Contact", "Remove From Do Not Contact", "Add Points",
/// "Subtract Points", "Add UTM Tags", "Remove UTM Tags"). Each is one edit of the contact, so each shows in its timeline.
/// </summary>
public static class ContactChannelEndpoints
{
    public static RouteGroupBuilder MapContactChannels(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("/contacts");
        contacts.MapPost("/{id}/dnc/{channel}/add", AddDoNotContactAsync);
        contacts.MapPost("/{id}/dnc/{channel}/remove", RemoveDoNotContactAsync);
        contacts.MapPost("/{id}/points/{operation}/{delta}", PointsAsync);
        contacts.MapPost("/{id}/utm/add", AddUtmAsync);
        contacts.MapPost("/{id}/utm/{utmId}/remove", RemoveUtmAsync);
        return api;
    }

    private static async Task<IResult> AddDoNotContactAsync(string id, string channel, HttpRequest request, ContactWriteContext context, TimeProvider clock)
    {
        var (body, error) = await ReadObjectAsync(request, context);
        if (error is not null)
            return error;
        // Mautic reads the reason as PHP's (int) does, so a reason that is no number is 0, refused with its rule as details.
        if (!ContactPayload.TryInt(body?["reason"], out var reason))
            return ApiErrors.BadRequest(DoNotContactEntry.InvalidReason, new JsonArray(DoNotContactEntry.ReasonRule));
        if (reason is { } code && DoNotContactEntry.ReasonProblem(code) is { } problem)
            return ApiErrors.BadRequest(DoNotContactEntry.InvalidReason, new JsonArray(problem));
        var (entry, invalid) = DoNotContactEntry.Create(channel, reason, ContactPayload.Text(body?["comments"]), clock.GetUtcNow());
        if (entry is null)
            return ApiErrors.BadRequest(invalid!);
        if (await context.FindAsync(id) is not { } contactId)
            return ApiErrors.NotFound();
        return await UpdateAsync(context, contactId, new ContactEdit { At = entry.At, DoNotContact = [entry] }, request.HttpContext);
    }

    private static async Task<IResult> RemoveDoNotContactAsync(string id, string channel, HttpContext http, ContactWriteContext context, TimeProvider clock)
    {
        if (!DoNotContactEntry.IsChannelName(channel))
            return ApiErrors.BadRequest(DoNotContactEntry.InvalidChannel);
        if (await context.FindContactAsync(id) is not { } before)
            return ApiErrors.NotFound();
        var found = before.DoNotContact.Any(e => string.Equals(e.Channel, channel, StringComparison.OrdinalIgnoreCase));
        var written = await context.UpdateAsync(before.Id, new ContactEdit { At = clock.GetUtcNow(), RemoveDoNotContact = [channel] }, http.User.ActingUser());
        if (written.Outcome == WriteKind.Deleted || await context.Grains.GetContact(written.ContactId).Get() is not { } after)
            return ApiErrors.NotFound();
        return Results.Json(new JsonObject { ["recordFound"] = found, ["contact"] = await context.ContactJsonAsync(after) });
    }

    private static async Task<IResult> PointsAsync(string id, string operation, string delta, HttpContext http, ContactWriteContext context, TimeProvider clock)
    {
        if (!int.TryParse(delta, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
            return ApiErrors.BadRequest($"The points delta must be a whole number from {int.MinValue} to {int.MaxValue}.");
        var at = clock.GetUtcNow();
        ContactEdit? edit = operation.ToLowerInvariant() switch
        {
            "plus" => new ContactEdit { At = at, PointsDelta = amount },
            "minus" => new ContactEdit { At = at, PointsDelta = -(long)amount },
            "times" => new ContactEdit { At = at, PointsTimes = amount },
            "divide" when amount != 0 => new ContactEdit { At = at, PointsDivideBy = amount },
            _ => null,
        };
        if (edit is null)
            return ApiErrors.BadRequest(operation.Equals("divide", StringComparison.OrdinalIgnoreCase) ? "Points cannot be divided by zero." : "Invalid operator");
        if (await context.FindAsync(id) is not { } contactId)
            return ApiErrors.NotFound();
        try
        {
            if ((await context.UpdateAsync(contactId, edit, http.User.ActingUser())).Outcome == WriteKind.Deleted)
                return ApiErrors.NotFound();
        }
        catch (ArgumentOutOfRangeException outOfRange)
        {
            // The grain refuses, changing nothing, a result its points cannot hold (the only refusal this edit can meet:
            // the operator and divisor were checked above); the check is the grain's, against the points it holds now.
            return ApiErrors.BadRequest(outOfRange.Message);
        }
        return Results.Json(new JsonObject { ["success"] = 1 });
    }

    private static async Task<IResult> AddUtmAsync(string id, HttpRequest request, ContactWriteContext context, TimeProvider clock)
    {
        var (body, error) = await ReadObjectAsync(request, context);
        if (error is not null)
            return error;
        if (await context.FindAsync(id) is not { } contactId)
            return ApiErrors.NotFound();
        var (utm, lastActive, problem) = UtmBody.Read(body, clock.GetUtcNow());
        if (problem is not null)
            return ApiErrors.BadRequest(problem);
        return await UpdateAsync(context, contactId, new ContactEdit { At = utm!.At, AddUtm = utm, LastActive = lastActive }, request.HttpContext);
    }

    private static async Task<IResult> RemoveUtmAsync(string id, string utmId, HttpContext http, ContactWriteContext context, TimeProvider clock)
    {
        if (await context.FindContactAsync(id) is not { } contact)
            return ApiErrors.NotFound();
        // The row's own id, never its place in the list: removing one leaves every other id naming the row it named.
        if (!long.TryParse(utmId, NumberStyles.None, CultureInfo.InvariantCulture, out var row) || contact.Utm.All(utm => utm.Id != row))
            return ApiErrors.NotFound();
        return await UpdateAsync(context, contact.Id, new ContactEdit { At = clock.GetUtcNow(), RemoveUtm = row }, http);
    }

    /// <summary>
    /// Applies the edit as made by the signed-in user and answers the contact written (the winner, if it was merged
    /// meanwhile); 404 once it is deleted.
    /// </summary>
    private static async Task<IResult> UpdateAsync(ContactWriteContext context, long contactId, ContactEdit edit, HttpContext http)
    {
        var written = await context.UpdateAsync(contactId, edit, http.User.ActingUser());
        return written.Outcome != WriteKind.Deleted && await context.Grains.GetContact(written.ContactId).Get() is { } contact
            ? Results.Json(new JsonObject { ["contact"] = await context.ContactJsonAsync(contact) })
            : ApiErrors.NotFound();
    }

    /// <summary>An optional JSON object body.</summary>
    private static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpRequest request, ContactWriteContext context)
    {
        var (body, error) = await context.ReadJsonAsync(request, allowEmpty: true);
        if (error is not null)
            return (null, error);
        return body is null or JsonObject ? ((JsonObject?)body, null) : (null, ApiErrors.BadRequest("The request body must be a JSON object."));
    }
}
