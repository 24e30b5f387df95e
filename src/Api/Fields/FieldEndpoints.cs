using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Auth;
using Actors.Api.Catalogs;
using Actors.Api.Contacts;
using Actors.Api.Errors;
using Actors.Api.Lists;
using Actors.Grains.Fields;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Fields;
using Actors.Runtime;
using Actors.Runtime.Text;
using Microsoft.Extensions.Options;
using Actors.Api.Http;

namespace Actors.Api.Fields;

/// <summary>
/// The contact field catalog, /api/fields/contact, with Mautic's entity routes (list, /{id}, /new, /{id}/edit PUT or
/// PATCH, /{id}/delete). A change reaches this front end's catalog cache at once, so a new field can be written,
/// searched (alias:value) and filtered (where) by the very next request, and a field marked unique identifies contacts
/// on create and in tracking from then on. Core fields cannot be deleted; aliases never change, nor types.
/// Every user reads the catalog (contact screens and clients need it); only an admin changes it, as Mautic keeps
/// field management behind lead:fields:full, which only its administrators hold by default.
/// </summary>
public static class FieldEndpoints
{
    public static RouteGroupBuilder MapContactFields(this RouteGroupBuilder api)
    {
        var fields = api.MapGroup("/fields/contact");
        fields.MapGet("", ListAsync);
        fields.MapGet("/{id}", async (string id, FieldCatalogCache cache) =>
            await FindAsync(cache, id) is { } field ? One(field) : ApiErrors.NotFound());
        fields.MapPost("/new", (HttpContext http, IGrainFactory grains, FieldCatalogCache cache, ContactWriteContext body, UniqueFieldClaims claims,
            IOptions<ContactOptions> options, TimeProvider clock) => WriteAsync(http, null, grains, cache, body, claims, options.Value, clock));
        fields.MapMethods("/{id}/edit", [HttpMethods.Put, HttpMethods.Patch],
            (string id, HttpContext http, IGrainFactory grains, FieldCatalogCache cache, ContactWriteContext body, UniqueFieldClaims claims,
                IOptions<ContactOptions> options, TimeProvider clock) => WriteAsync(http, id, grains, cache, body, claims, options.Value, clock));
        fields.MapDelete("/{id}/delete", DeleteAsync);
        return api;
    }

    private static readonly Dictionary<string, Func<FieldDefinition, IComparable?>> Orderings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = f => f.Id,
        ["label"] = f => LowerCase.Of(f.Label),
        ["alias"] = f => f.Alias,
        ["type"] = f => f.Type,
        ["group"] = f => f.Group,
        ["order"] = f => f.Order,
    };

    /// <summary>
    /// The catalog with the list parameters of Mautic's lists (search on alias and label, start, limit, orderBy,
    /// orderByDir); in catalog order, and whole, unless asked otherwise, since clients read it to know every field.
    /// </summary>
    private static async Task<IResult> ListAsync(HttpRequest request, FieldCatalogCache cache)
    {
        FieldDefinition[] all, page;
        try
        {
            var list = ListParameters.Read(request, defaultLimit: 0);
            var terms = SearchTerms.Parse(list.Search);
            all = (await cache.GetAsync()).Fields.Where(f => SearchTerms.AllIn(terms, f.Alias, f.Label)).ToArray();
            page = (list.OrderBy is null && !list.Descending ? list.Page(all) : list.Page(all, "field", Orderings, "order", f => f.Id)).ToArray();
        }
        catch (FormatException e)
        {
            return ApiErrors.BadRequest(e.Message);
        }
        var listed = new JsonObject();
        foreach (var field in page)
            listed[field.Id.ToString(CultureInfo.InvariantCulture)] = FieldJson.Write(field, IsCore(field));
        return Results.Json(new JsonObject { ["total"] = all.Length, ["fields"] = listed });
    }

    private static async Task<IResult> WriteAsync(HttpContext http, string? id, IGrainFactory grains, FieldCatalogCache cache, ContactWriteContext body,
        UniqueFieldClaims claims, ContactOptions options, TimeProvider clock)
    {
        if (!http.User.IsAdmin())
            return ApiErrors.Forbidden();
        var patch = HttpMethods.IsPatch(http.Request.Method);
        var existing = id is null ? null : await FindAsync(cache, id);
        if (patch && existing is null)
            return ApiErrors.NotFound();
        var (input, error) = await ResourceInput.ReadAsync(http.Request, body);
        if (input is null)
            return error!;
        var others = (await cache.GetAsync()).Fields.Where(f => f.Id != existing?.Id).ToArray();
        var field = FieldInput.Read(input, existing, patch, others, options.MaxFieldLength);
        if (field is null || !input.IsValid)
            return input.Reject();
        // As Mautic's FormModel::setTimestamps: a new field is made and changed now by the signed-in user, an edit changes it.
        var (now, by) = (clock.GetUtcNow(), http.User.ActingUser());
        field = existing is null
            ? field with { DateAdded = now, CreatedBy = by, DateModified = now, ModifiedBy = by }
            : field with { DateModified = now, ModifiedBy = by };

        // A new field holds no values yet; an edit making a field unique must find every value it holds unshared, and
        // with And one ending it must find the combinations of the other unique values unshared.
        var makesUnique = existing is { IsUniqueIdentifier: false } && field.IsUniqueIdentifier;
        var endsUnique = existing is { IsUniqueIdentifier: true } && !field.IsUniqueIdentifier
            && options.UniqueIdentifiersOperator == UniqueIdentifiersOperator.And;
        if (makesUnique && await claims.ClaimAsync(field, http.RequestAborted) is { } shared)
            return shared;
        if (endsUnique && await claims.CheckUnsharedWithoutAsync(field, http.RequestAborted) is { } wouldShare)
            return wouldShare;
        var catalog = grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields);
        var change = existing is null ? await catalog.Create(field) : await catalog.Edit(field);
        cache.Invalidate();
        if (makesUnique && change.Outcome == FieldChangeOutcome.Done && await claims.ClaimAsync(change.Field!, http.RequestAborted) is { } sharedMeanwhile)
        {
            await catalog.Edit(change.Field! with { IsUniqueIdentifier = false });
            cache.Invalidate();
            return sharedMeanwhile;
        }
        // Whenever the edit names the flag, not only when it changes it: repeating the edit finishes a re-keying a crash cut short.
        if (existing is not null && change.Outcome == FieldChangeOutcome.Done && (input.Has("isUniqueIdentifier") || input.Has("isUniqueIdentifer")))
            await claims.RekeyAsync(change.Field!, http.RequestAborted);
        switch (change.Outcome)
        {
            case FieldChangeOutcome.AliasTaken:
                return ResourceInput.Taken("alias");
            case FieldChangeOutcome.NotFound:
                return ApiErrors.NotFound();
            case FieldChangeOutcome.Done when existing is null:
                ApiLocation.Set(http, $"/api/fields/contact/{change.Field!.Id}");
                return One(change.Field, StatusCodes.Status201Created);
            default:
                return One(change.Field!);
        }
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, FieldCatalogCache cache, FieldDelete delete, CancellationToken cancellationToken)
    {
        if (!http.User.IsAdmin())
            return ApiErrors.Forbidden();
        if (!TryParseId(id, out var fieldId))
            return ApiErrors.NotFound();
        // Core fields are never being deleted, so the catalog as cached finds every one of them.
        if ((await cache.GetAsync()).Fields.FirstOrDefault(f => f.Id == fieldId) is { } core && IsCore(core))
            return ApiErrors.BadRequest($"{core.Alias} is a core field; core fields cannot be deleted.", new JsonObject { ["alias"] = core.Alias });
        return await delete.RunAsync(fieldId, cancellationToken) is { } removed ? One(removed) : ApiErrors.NotFound();
    }

    private static async Task<FieldDefinition?> FindAsync(FieldCatalogCache cache, string id)
    {
        if (!TryParseId(id, out var fieldId))
            return null;
        cache.Invalidate();
        return (await cache.GetAsync()).Fields.FirstOrDefault(f => f.Id == fieldId);
    }

    private static bool TryParseId(string id, out long fieldId) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out fieldId);

    /// <summary>Mautic's fixed fields, the ones installed with it.</summary>
    private static bool IsCore(FieldDefinition field) => CoreFields.Contains(field.Alias);

    private static IResult One(FieldDefinition field, int status = StatusCodes.Status200OK)
        => Results.Json(new JsonObject { ["field"] = FieldJson.Write(field, IsCore(field)) }, statusCode: status);
}
