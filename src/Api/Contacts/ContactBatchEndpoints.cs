using System.Text.Json.Nodes;
using Actors.Api.Auth;
using Actors.Api.Errors;
using Actors.Api.Lists;
using Microsoft.Extensions.Options;

namespace Actors.Api.Contacts;

/// <summary>
/// The batch endpoints (MAUTIC-SPEC 3.8): every item is written on its own, so a failing item leaves the others
/// applied, and the answer reports each one in <c>statusCodes</c> and, when it failed, in <c>errors</c> by index.
/// Items run concurrently in <see cref="BatchLanes"/>, in order wherever they name the same contact or value.
/// Too many items is a 400 (product decision 5), not Mautic's 500.
/// </summary>
public static class ContactBatchEndpoints
{
    public static RouteGroupBuilder MapContactBatches(this RouteGroupBuilder api)
    {
        var batch = api.MapGroup("/contacts/batch");
        batch.MapPost("/new", (HttpRequest request, ContactWriteContext context, IOptions<ContactOptions> options)
            => WriteAsync(request, context, options.Value, WriteMode.Create));
        batch.MapPut("/edit", (HttpRequest request, ContactWriteContext context, IOptions<ContactOptions> options)
            => WriteAsync(request, context, options.Value, WriteMode.Replace));
        batch.MapPatch("/edit", (HttpRequest request, ContactWriteContext context, IOptions<ContactOptions> options)
            => WriteAsync(request, context, options.Value, WriteMode.Patch));
        batch.MapDelete("/delete", DeleteAsync);
        return api;
    }

    private static async Task<IResult> WriteAsync(HttpRequest request, ContactWriteContext context, ContactOptions options, WriteMode mode)
    {
        var (body, malformed) = await context.ReadJsonAsync(request, allowEmpty: false);
        if (malformed is not null)
            return malformed;
        var items = BatchReport.Items(body);
        if (items.Length == 0)
            return ApiErrors.BadRequest("The request body must be a non-empty array of contacts.");
        if (items.Length > options.BatchLimit)
            return TooMany(options);

        var ids = items.Select(item => mode == WriteMode.Create ? null : TakeId(item)).ToArray();
        var lanes = await BatchLanes.OfAsync(items, ids, (await context.Catalog.GetAsync()).UniqueFields, context.Writer);
        var by = request.HttpContext.User.ActingUser();
        var outcomes = await BatchLanes.WriteAsync(lanes, items.Length, index => context.WriteAsync(items[index], ids[index], mode, by));
        return Report(outcomes, mode == WriteMode.Create ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> DeleteAsync(HttpRequest request, ContactWriteContext context, IOptions<ContactOptions> options)
    {
        var ids = BatchReport.Ids(request);
        if (ids.Length == 0)
            return ApiErrors.BadRequest("Give the contacts to delete as ids=1,2,3.");
        if (ids.Length > options.Value.BatchLimit)
            return TooMany(options.Value);
        var lanes = await BatchLanes.OfAsync(new JsonNode?[ids.Length], ids, [], context.Writer);
        var outcomes = await BatchLanes.WriteAsync(lanes, ids.Length, index => context.DeleteAsync(ids[index]));
        return Report(outcomes, StatusCodes.Status200OK);
    }

    /// <summary>An item's "id", taken out of it so the rest reads as contact fields; null when it has none.</summary>
    private static string? TakeId(JsonNode? item)
    {
        if (item is not JsonObject fields || fields["id"] is not { } id)
            return null;
        fields.Remove("id");
        return ContactPayload.Text(id);
    }

    private static IResult TooMany(ContactOptions options) => BatchReport.TooMany(options.BatchLimit);

    private static IResult Report(IReadOnlyList<WriteOutcome> outcomes, int status)
        => BatchReport.Respond("contacts", outcomes.Select(o => new ItemOutcome(o.Status, o.Contact, o.Error)).ToArray(), status);
}
