using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Auth;
using Actors.Api.Campaigns;
using Actors.Api.Catalogs;
using Actors.Api.Errors;
using Actors.Interfaces.Categories;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Segments;

namespace Actors.Api.Contacts;

/// <summary>
/// The contact list's batch actions (seed "Batch actions") on at most <see cref="MaxContacts"/> contact ids per request:
/// POST /api/contacts/batch/{owner|dnc|segments|campaigns|categories|channels|stage|delete} with {"ids":[...], ...}. Each contact is changed on its
/// own, once however many ids lead to it (merged-away ids act on their winner); the answer reports each id's status. More ids is a 400, as is a body
/// that names no ids. Exporting a selection is GET /api/contacts/export?search=ids:1,2,3.
/// </summary>
public static class ContactBatchActionEndpoints
{
    /// <summary>The seed's batch limit ("up to 100 Contacts at a time").</summary>
    public const int MaxContacts = 100;

    public static RouteGroupBuilder MapContactBatchActions(this RouteGroupBuilder api)
    {
        var batch = api.MapGroup("/contacts/batch");
        batch.MapPost("/owner", (HttpRequest request, ContactWriteContext context, ContactReferences references) => RunAsync(request, context, async (body, at) =>
            body["owner"] is JsonValue value && ContactPayload.Text(value) is { } text
                && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var owner) && owner > 0
                && await references.FindOwnerAsync(owner) is not null
                    ? (new ContactEdit { At = at, OwnerId = owner }, null)
                    : (null, "owner: must be the id of a published user.")));
        batch.MapPost("/dnc", (HttpRequest request, ContactWriteContext context) => RunAsync(request, context, (body, at) =>
            BatchDoNotContact.Read(body, at)));
        batch.MapPost("/segments", (HttpRequest request, ContactWriteContext context) => RunAsync(request, context, (body, at) =>
            MembershipAsync(body, "segment", async () => (await CatalogEndpoints.Catalog<Segment>(context.Grains).List()).Select(s => s.Id),
                (add, remove) => new ContactEdit { At = at, JoinSegments = add, LeaveSegments = remove })));
        batch.MapPost("/campaigns", (HttpRequest request, ContactWriteContext context) => RunAsync(request, context, (body, at) =>
            MembershipAsync(body, "campaign", async () => (await CampaignEndpoints.Catalog(context.Grains).List()).Select(c => c.Id),
                (add, remove) => new ContactEdit { At = at, JoinCampaigns = add, LeaveCampaigns = remove })));
        batch.MapPost("/categories", (HttpRequest request, ContactWriteContext context) => RunAsync(request, context, (body, at) =>
            MembershipAsync(body, "category", async () => (await CatalogEndpoints.Catalog<Category>(context.Grains).List()).Select(c => c.Id),
                (add, remove) => new ContactEdit { At = at, AddCategories = add, RemoveCategories = remove })));
        batch.MapPost("/channels", (HttpRequest request, ContactWriteContext context) => RunAsync(request, context, (body, at) =>
            ChannelChanges.Read(body["channels"], at) is { } edit ? (edit, null) : (null, ChannelChanges.Invalid)));
        batch.MapPost("/stage", (HttpRequest request, ContactWriteContext context, ContactReferences references) => RunAsync(request, context, async (body, at) =>
        {
            // Stored as the stage's id, as a contact edit stores it; an unknown stage would be stored as it came and
            // then read as no stage at all, so it is refused before any contact changes.
            if (body["stage"] is not JsonValue value || await references.FindStageAsync(ContactPayload.Text(value)) is not { } stage)
                return (null, "stage: must be the id or the name of an existing stage.");
            return (new ContactEdit { At = at, Stage = stage.Id.ToString(CultureInfo.InvariantCulture) }, null);
        }));
        batch.MapPost("/delete", DeleteAsync);
        return api;
    }

    private static Task<IResult> RunAsync(HttpRequest request, ContactWriteContext context, Func<JsonObject, DateTimeOffset, (ContactEdit? Edit, string? Error)> action) =>
        RunAsync(request, context, (body, at) => Task.FromResult(action(body, at)));

    /// <summary>Reads the ids, makes the one edit every contact gets (dated by the service's clock, as the single-contact actions are) and applies it to each.</summary>
    private static async Task<IResult> RunAsync(HttpRequest request, ContactWriteContext context, Func<JsonObject, DateTimeOffset, Task<(ContactEdit? Edit, string? Error)>> action)
    {
        var (body, ids, error) = await ReadAsync(request, context);
        if (error is not null)
            return error;
        var at = request.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var (edit, problem) = await action(body!, at);
        if (edit is null)
            return ApiErrors.BadRequest(problem!);
        var by = request.HttpContext.User.ActingUser();
        // A segment or stage deleted meanwhile takes this contact's change back (GoingEntries): 404, as for a gone contact.
        return await ForEachContactAsync(ids!, context, async contactId =>
            await context.UpdateReferencingAsync(contactId, edit, by) is ({ Outcome: Grains.Contacts.WriteKind.Updated }, false)
                ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> DeleteAsync(HttpRequest request, ContactWriteContext context)
    {
        var (_, ids, error) = await ReadAsync(request, context);
        if (error is not null)
            return error;
        return await ForEachContactAsync(ids!, context, async contactId =>
            (await context.DeleteAsync(contactId.ToString(CultureInfo.InvariantCulture))).Status);
    }

    /// <summary>
    /// Acts once on each contact the ids lead to, and answers each id with its contact's status: a merged-away id and
    /// its winner name one contact, which Mautic, knowing only the winner by then, would change once. Every id is
    /// resolved before any acts, so a delete reached through the loser's id does not turn the winner's id into a 404.
    /// </summary>
    private static async Task<IResult> ForEachContactAsync(IReadOnlyList<long> ids, ContactWriteContext context, Func<long, Task<int>> act)
    {
        var contacts = new long?[ids.Count];
        for (var i = 0; i < ids.Count; i++)
            contacts[i] = await context.FindAsync(ids[i].ToString(CultureInfo.InvariantCulture));
        var outcomes = new Dictionary<long, int>();
        foreach (var contactId in contacts.OfType<long>().Distinct())
            outcomes[contactId] = await act(contactId);
        return Report(ids, contacts.Select(contactId => contactId is { } found ? outcomes[found] : StatusCodes.Status404NotFound).ToArray());
    }

    private static async Task<(JsonObject? Body, IReadOnlyList<long>? Ids, IResult? Error)> ReadAsync(HttpRequest request, ContactWriteContext context)
    {
        var (json, malformed) = await context.ReadJsonAsync(request, allowEmpty: false);
        if (malformed is not null)
            return (null, null, malformed);
        if (json is not JsonObject body || Ids(body["ids"]) is not { Count: > 0 } ids)
            return (null, null, ApiErrors.BadRequest("The body must be a JSON object with \"ids\": a non-empty array of contact ids."));
        // Counted as given, as Mautic counts a request's ids; an id named twice is then changed once.
        if (ids.Count > MaxContacts)
            return (null, null, ApiErrors.BadRequest($"A batch action takes at most {MaxContacts} contacts; this one named {ids.Count}."));
        return (body, ids.Distinct().ToArray(), null);
    }

    /// <summary>
    /// A membership action's edit: every id it adds must name an existing entry, or a contact would point at nothing any
    /// answer can show; an id it removes may be gone already.
    /// </summary>
    private static async Task<(ContactEdit? Edit, string? Error)> MembershipAsync(JsonObject body, string kind, Func<Task<IEnumerable<long>>> existing,
        Func<IReadOnlyList<long>, IReadOnlyList<long>, ContactEdit> edit)
    {
        if (AddAndRemove(body) is not ({ } add, { } remove))
            return (null, AddAndRemoveError(kind));
        var known = (await existing()).ToHashSet();
        return add.FirstOrDefault(id => !known.Contains(id)) is var unknown and > 0
            ? (null, $"add: {kind} {unknown} does not exist.")
            : (edit(add, remove), null);
    }

    /// <summary>The "add" and "remove" id lists of a membership action (either may be missing, not both), or nulls when invalid.</summary>
    private static (IReadOnlyList<long>? Add, IReadOnlyList<long>? Remove) AddAndRemove(JsonObject body)
    {
        IReadOnlyList<long>? add = body["add"] is null ? [] : Ids(body["add"])?.Distinct().ToArray();
        IReadOnlyList<long>? remove = body["remove"] is null ? [] : Ids(body["remove"])?.Distinct().ToArray();
        return add is null || remove is null || add.Count + remove.Count == 0 || add.Intersect(remove).Any() ? (null, null) : (add, remove);
    }

    private static string AddAndRemoveError(string kind) =>
        $"add and remove must be arrays of {kind} ids, at least one non-empty, naming no {kind} in both.";

    private static IReadOnlyList<long>? Ids(JsonNode? node)
    {
        if (node is not JsonArray array)
            return null;
        var ids = new List<long>();
        foreach (var item in array)
        {
            if (ContactPayload.Text(item) is not { } text || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                return null;
            ids.Add(id);
        }
        return ids;
    }

    private static IResult Report(IReadOnlyList<long> ids, IReadOnlyList<int> statuses) => Results.Json(new JsonObject
    {
        ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()),
        ["statusCodes"] = new JsonArray(statuses.Select(s => (JsonNode)s).ToArray()),
    });
}
