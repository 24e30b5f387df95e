using System.Text.Json.Nodes;
using Actors.Api.Contacts.List;
using Actors.Api.Errors;
using Actors.Api.Fields;
using Actors.Interfaces.Contacts;
using Actors.Runtime;

namespace Actors.Api.Contacts;

/// <summary>
/// The contact resources of /api: the list (<see cref="ContactListEndpoint"/>), reading a contact in Mautic's shape, and a
/// manual merge (not in Mautic's API; our addition). A merged-away id acts on its winner, as in Mautic.
/// </summary>
public static class ContactEndpoints
{
    public static RouteGroupBuilder MapContacts(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("/contacts");
        contacts.MapGet("", ContactListEndpoint.ListAsync);
        contacts.MapGet("/{id}", GetAsync);
        contacts.MapGet("/{id}/activity", ActivityAsync);
        contacts.MapPost("/{winnerId}/merge/{loserId}", MergeAsync);
        return api;
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains, FieldCatalogCache catalog, ContactReferences references)
    {
        if (!ContactIds.TryParse(id, out var contactId))
            return ApiErrors.NotFound();
        var contact = await grains.GetContact(await grains.ResolveContactAsync(contactId)).Get();
        return contact is null ? ApiErrors.NotFound() : await ContactResponseAsync(contact, catalog, references);
    }

    private static async Task<IResult> ActivityAsync(string id, HttpRequest request, IGrainFactory grains)
    {
        var (query, error) = ActivityQuery.From(request);
        if (query is null)
            return ApiErrors.BadRequest(error!);
        if (!ContactIds.TryParse(id, out var contactId))
            return ApiErrors.NotFound();
        var contact = grains.GetContact(await grains.ResolveContactAsync(contactId));
        if (!await contact.Exists())
            return ApiErrors.NotFound();
        return Results.Json(query.Apply(await contact.Timeline()));
    }

    private static async Task<IResult> MergeAsync(string winnerId, string loserId, HttpResponse response, IGrainFactory grains, FieldCatalogCache catalog,
        ContactReferences references, ContactWriteContext writes)
    {
        if (!ContactIds.TryParse(winnerId, out var winner) || !ContactIds.TryParse(loserId, out var loser))
            return ApiErrors.NotFound();
        if (winner == loser)
            return ApiErrors.BadRequest("A contact cannot be merged into itself.", new JsonObject { ["winnerId"] = winner, ["loserId"] = loser });
        winner = await grains.ResolveContactAsync(winner);
        loser = await grains.ResolveContactAsync(loser);
        var (winnerState, loserState) = (await LiveOrMergingAsync(grains, winner), await LiveOrMergingAsync(grains, loser));
        if (winnerState is null || loserState is null)
            return ApiErrors.NotFound();
        if (winnerState is false || loserState is false)
            return Busy();
        // Two ids that lead to one contact were merged already (by another request, or into each other's winner).
        if (winner == loser)
            return await WinnerResponseAsync(grains, winner, catalog, references);
        MergeOutcome outcome;
        try
        {
            outcome = await grains.GetContact(winner).Absorb(loser, await writes.CombinedUniqueAliasesAsync());
        }
        catch (TimeoutException)
        {
            // A winner whose loser did not answer keeps its intent and tries again on its own (see ContactGrain.Merge.cs).
            return Unfinished(response, "The merge did not finish in time and may still finish on its own, unless another merge takes the loser "
                + "first (then nothing is merged into the winner); repeat the request to see the result.");
        }
        return outcome switch
        {
            MergeOutcome.Merged => await WinnerResponseAsync(grains, winner, catalog, references),
            MergeOutcome.Busy => Busy(),
            MergeOutcome.Pending => Unfinished(response,
                "The merge is recorded and waits for another merge of the loser to end; it finishes on its own unless another merge takes "
                + "the loser first (then nothing is merged into the winner). Repeat the request to see the result."),
            _ => ApiErrors.Problem(StatusCodes.Status409Conflict, "The contacts changed while merging; resolve them again and retry."),
        };
    }

    /// <summary>
    /// True for a live contact, false for one merged away since its id was resolved, null for none. Exists waits behind
    /// a surrender in progress and then answers false, yet the contact was not missing: it was in another merge.
    /// </summary>
    private static async Task<bool?> LiveOrMergingAsync(IGrainFactory grains, long contactId)
    {
        var contact = grains.GetContact(contactId);
        return await contact.Exists() ? true : await contact.MergedInto() is null ? null : false;
    }

    /// <summary>
    /// A 503 for a merge left to finish on its own. A winner retries its stored merge within a second
    /// (ContactGrain.Surrender.cs), so a repeat after that sees the result. The intent is kept to the contacts asked for:
    /// a loser that another merge took first is not followed to its new winner, and the intent ends with nothing merged.
    /// A repeat resolves the ids again, so it then merges the loser's new winner into this one, as any merge naming a
    /// merged-away id acts on its winner.
    /// </summary>
    private static IResult Unfinished(HttpResponse response, string message)
    {
        response.Headers.RetryAfter = "1";
        return ApiErrors.Problem(StatusCodes.Status503ServiceUnavailable, message);
    }

    /// <summary>The merged contact; 404 when it was deleted since.</summary>
    private static async Task<IResult> WinnerResponseAsync(IGrainFactory grains, long winner, FieldCatalogCache catalog, ContactReferences references)
        => await grains.GetContact(winner).Get() is { } merged ? await ContactResponseAsync(merged, catalog, references) : ApiErrors.NotFound();

    private static IResult Busy() => ApiErrors.Problem(StatusCodes.Status409Conflict,
        "One of the contacts is in another merge; nothing was changed. Try again shortly.");

    private static async Task<IResult> ContactResponseAsync(ContactSnapshot contact, FieldCatalogCache catalog, ContactReferences references)
        => Results.Json(new JsonObject { ["contact"] = ContactJson.Write(contact, (await catalog.GetAsync()).Fields, await references.GetAsync(contact.Tags)) });
}
