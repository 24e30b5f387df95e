using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Api.Contacts.List;
using Actors.Api.Errors;
using Actors.Api.Lists;
using Actors.Interfaces.Catalogs;
using Actors.Runtime;
using Actors.Grains.Errors;
using Actors.Api.Http;

namespace Actors.Api.Catalogs;

/// <summary>
/// Mautic's standard entity routes for one catalog kind: GET list (search, start, limit, orderBy, orderByDir,
/// publishedOnly), GET /{id}, POST /new (201 with Location), PUT /{id}/edit (creates when missing, 201),
/// PATCH /{id}/edit (404 when missing), DELETE /{id}/delete (200 with the entry as it was). The list is
/// {"total":n,"&lt;many&gt;":{"id":{…}}}, keyed by id as Mautic's repositories index it.
/// </summary>
public static class CatalogEndpoints
{
    private const int DefaultLimit = 30;

    public static RouteGroupBuilder MapCatalog<T, TResource>(this RouteGroupBuilder api)
        where T : class, ICatalogEntry<T>
        where TResource : CatalogResource<T>
    {
        var resource = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<TResource>();
        var group = api.MapGroup("/" + resource.Path);
        group.MapGet("", (HttpContext http, IGrainFactory grains) => ListAsync(http, Catalog<T>(grains), resource));
        group.MapGet("/{id}", async (string id, IGrainFactory grains) =>
            await FindAsync(Catalog<T>(grains), id) is { } entry ? One(resource, entry) : ApiErrors.NotFound());
        group.MapPost("/new", (HttpContext http, IGrainFactory grains, ContactWriteContext body, ContactReferences references, TimeProvider clock)
            => WriteAsync(http, null, Catalog<T>(grains), resource, body, references, clock));
        group.MapMethods("/{id}/edit", [HttpMethods.Put, HttpMethods.Patch],
            (string id, HttpContext http, IGrainFactory grains, ContactWriteContext body, ContactReferences references, TimeProvider clock)
                => WriteAsync(http, id, Catalog<T>(grains), resource, body, references, clock));
        group.MapDelete("/{id}/delete", async (string id, HttpContext http, IGrainFactory grains, ContactReferences references) =>
        {
            // Marked first, so that a change pointing a contact at the entry from now on takes itself back (GoingEntries)
            // and every other one happened before the sweep reads the contacts; then swept; then removed.
            var catalog = Catalog<T>(grains);
            if (!TryParseId(id, out var entryId) || await catalog.BeginRemove(entryId) is not { } entry)
                return ApiErrors.NotFound();
            return await FinishRemoveAsync(catalog, resource, entry, references, http.RequestAborted) is { } removed
                ? One(resource, removed)
                : ApiErrors.NotFound();
        });
        return api;
    }

    /// <summary>Sweeps a marked entry (<see cref="IEntityCatalogGrain{T}.BeginRemove"/>) off its contacts and removes it; null when it was gone.</summary>
    public static async Task<T?> FinishRemoveAsync<T>(IEntityCatalogGrain<T> catalog, CatalogResource<T> resource, T entry, ContactReferences references,
        CancellationToken cancellationToken) where T : class, ICatalogEntry<T>
    {
        references.Invalidate();
        await resource.BeforeRemoveAsync(entry, cancellationToken);
        var removed = await catalog.Remove(entry.Id);
        references.Invalidate();
        return removed;
    }

    public static IEntityCatalogGrain<T> Catalog<T>(IGrainFactory grains) where T : class, ICatalogEntry<T>
        => grains.GetGrain<IEntityCatalogGrain<T>>(T.CatalogKey);

    /// <summary>The entry a route id names, or null (also for an id that is not a number).</summary>
    public static async Task<T?> FindAsync<T>(IEntityCatalogGrain<T> catalog, string id) where T : class, ICatalogEntry<T>
        => TryParseId(id, out var entryId) ? await catalog.Get(entryId) : null;

    private static bool TryParseId(string id, out long entryId) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out entryId);

    private static IResult One<T>(CatalogResource<T> resource, T entry, int status = StatusCodes.Status200OK) where T : class, ICatalogEntry<T>
        => Results.Json(new JsonObject { [resource.One] = resource.Write(entry) }, statusCode: status);

    private static async Task<IResult> ListAsync<T>(HttpContext http, IEntityCatalogGrain<T> catalog, CatalogResource<T> resource)
        where T : class, ICatalogEntry<T>
    {
        // Read in pair order as PHP reads the query (BracketQuery.Text): a parameter given twice holds the later value.
        var query = http.Request.QueryString.Value ?? "";
        IReadOnlyList<string> terms;
        long start, limit;
        string orderBy, direction;
        bool publishedOnly;
        try
        {
            if (!TryCount(BracketQuery.Text(query, "start"), 0, out start) || !TryCount(BracketQuery.Text(query, "limit"), DefaultLimit, out limit))
                return ApiErrors.BadRequest("start and limit must be whole numbers, 0 or more.");
            terms = SearchTerms.Parse(BracketQuery.Text(query, "search"));
            publishedOnly = BracketQuery.Flag(query, "publishedOnly") || BracketQuery.Flag(query, "published");
            (orderBy, direction) = (BracketQuery.Text(query, "orderBy") ?? "", BracketQuery.Text(query, "orderByDir") ?? "");
        }
        catch (FormatException e)
        {
            return ApiErrors.BadRequest(e.Message);
        }
        var rows = (await resource.ListAsync(catalog, http.RequestAborted))
            .Where(e => SearchTerms.AllIn(terms, resource.SearchText(e)))
            .Select(e => (Entry: e, Json: resource.Write(e)))
            .Where(r => !publishedOnly || r.Json["isPublished"] is not JsonValue published || published.GetValue<bool>())
            .ToList();

        var descending = direction.ToLowerInvariant() switch
        {
            "" or "asc" => false,
            "desc" => true,
            _ => (bool?)null,
        };
        if (descending is null)
            return ApiErrors.BadRequest("orderByDir must be asc or desc.");
        if (orderBy.Length > 0 && rows.Count > 0 && !rows[0].Json.ContainsKey(orderBy))
            return ApiErrors.BadRequest($"orderBy: \"{EchoedInput.Cap(orderBy)}\" is not a member of {resource.Path}.");
        IEnumerable<(T Entry, JsonObject Json)> ordered = orderBy.Length == 0
            ? rows.OrderBy(r => r.Entry.Id)
            : rows.OrderBy(r => r.Json[orderBy], JsonValueOrder.Instance).ThenBy(r => r.Entry.Id);
        if (descending.Value)
            ordered = ordered.Reverse();

        var page = new JsonObject();
        foreach (var (entry, json) in ordered.Skip((int)Math.Min(start, int.MaxValue)).Take(limit == 0 ? int.MaxValue : (int)Math.Min(limit, int.MaxValue)))
            page[entry.Id.ToString(CultureInfo.InvariantCulture)] = json;
        return Results.Json(new JsonObject { ["total"] = rows.Count, [resource.Many] = page });
    }

    private static async Task<IResult> WriteAsync<T>(HttpContext http, string? id, IEntityCatalogGrain<T> catalog, CatalogResource<T> resource,
        ContactWriteContext body, ContactReferences references, TimeProvider clock) where T : class, ICatalogEntry<T>
    {
        var patch = HttpMethods.IsPatch(http.Request.Method);
        var existing = id is null ? null : await FindAsync(catalog, id);
        if (patch && existing is null)
            return ApiErrors.NotFound();
        if (existing is not null)
            existing = await resource.FinishAsync(existing, http.RequestAborted);
        var (input, error) = await ResourceInput.ReadAsync(http.Request, body);
        if (input is null)
            return error!;
        var others = (await catalog.List()).Where(e => e.Id != existing?.Id).ToArray();
        var entry = resource.Read(input, existing, patch, others, clock.GetUtcNow());
        if (entry is null || !input.IsValid)
            return input.Reject();

        CatalogResult<T> result;
        if (existing is null)
            result = await catalog.Add(entry);
        else
        {
            result = await catalog.Replace(entry.WithId(existing.Id));
            if (result.Outcome == CatalogOutcome.Done)
                result = result with { Entry = await resource.FinishAsync(result.Entry!, http.RequestAborted) };
        }
        references.Invalidate();
        return result.Outcome switch
        {
            CatalogOutcome.KeyTaken => ResourceInput.Taken(resource.KeyMember),
            CatalogOutcome.NotFound => ApiErrors.NotFound(),
            _ when existing is null => Created(http, resource, result.Entry!),
            _ => One(resource, result.Entry!),
        };
    }

    private static IResult Created<T>(HttpContext http, CatalogResource<T> resource, T entry) where T : class, ICatalogEntry<T>
    {
        ApiLocation.Set(http, $"/api/{resource.Path}/{entry.Id}");
        return One(resource, entry, StatusCodes.Status201Created);
    }

    private static bool TryCount(string? text, long absent, out long count)
    {
        count = absent;
        return string.IsNullOrEmpty(text) || long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count);
    }

    /// <summary>Orders JSON values: nulls first, then numbers by value, then everything else by its text, ignoring case.</summary>
    private sealed class JsonValueOrder : IComparer<JsonNode?>
    {
        public static readonly JsonValueOrder Instance = new();

        public int Compare(JsonNode? x, JsonNode? y)
        {
            if (x is null || y is null)
                return (x is null ? 0 : 1) - (y is null ? 0 : 1);
            if (x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number)
                return Number(x).CompareTo(Number(y));
            return string.Compare(Text(x), Text(y), StringComparison.OrdinalIgnoreCase);
        }

        private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

        private static string Text(JsonNode node) => node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
    }
}
