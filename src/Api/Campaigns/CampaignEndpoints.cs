using System.Globalization;
using Actors.Api.Auth;
using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Api.Contacts.List;
using Actors.Api.Errors;
using Actors.Api.Lists;
using Actors.Interfaces.Campaigns;
using Actors.Interfaces.Contacts;
using Actors.Runtime;
using Microsoft.Extensions.Options;
using Actors.Api.Http;

namespace Actors.Api.Campaigns;

/// <summary>
/// /api/campaigns, membership only (there is no campaign engine): list, get, new, edit (PUT creates when missing,
/// PATCH answers 404), delete, adding and removing a contact, and GET /api/contacts/{id}/campaigns.
/// </summary>
public static class CampaignEndpoints
{
    private static readonly Dictionary<string, Func<Campaign, IComparable?>> Orderings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = c => c.Id,
        ["name"] = c => c.Name,
        ["dateAdded"] = c => c.DateAdded,
        ["dateModified"] = c => c.DateModified,
    };

    public static RouteGroupBuilder MapCampaigns(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns");
        campaigns.MapGet("", ListAsync);
        campaigns.MapGet("/{id}", async (string id, IGrainFactory grains) =>
            await FindAsync(grains, id) is { } campaign ? Results.Json(new JsonObject { ["campaign"] = CampaignJson.Write(campaign) }) : ApiErrors.NotFound());
        campaigns.MapPost("/new", (HttpRequest request, CampaignWrites writes) => writes.WriteAsync(request, null, replace: false));
        campaigns.MapPut("/{id}/edit", (string id, HttpRequest request, CampaignWrites writes) => writes.WriteAsync(request, id, replace: true));
        campaigns.MapPatch("/{id}/edit", (string id, HttpRequest request, CampaignWrites writes) => writes.WriteAsync(request, id, replace: false));
        campaigns.MapDelete("/{id}/delete", async (string id, IGrainFactory grains) =>
            ContactIds.TryParse(id, out var campaignId) && await Catalog(grains).Delete(campaignId) is { } deleted
                ? Results.Json(new JsonObject { ["campaign"] = CampaignJson.Write(deleted) })
                : ApiErrors.NotFound());
        campaigns.MapPost("/{id}/contact/{contactId}/add", (string id, string contactId, HttpContext http, ContactWriteContext context, TimeProvider clock)
            => MembershipAsync(id, contactId, http, context, clock, join: true));
        campaigns.MapPost("/{id}/contact/{contactId}/remove", (string id, string contactId, HttpContext http, ContactWriteContext context, TimeProvider clock)
            => MembershipAsync(id, contactId, http, context, clock, join: false));
        api.MapGet("/contacts/{id}/campaigns", ContactCampaignsAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IGrainFactory grains)
    {
        Campaign[] matching, page;
        try
        {
            var query = request.QueryString.Value ?? "";
            var publishedOnly = BracketQuery.Flag(query, "publishedOnly") || BracketQuery.Flag(query, "published");
            var list = ListParameters.Read(request);
            var terms = SearchTerms.Parse(list.Search);
            matching = (await Catalog(grains).List())
                .Where(c => SearchTerms.AllIn(terms, c.Name, c.Description))
                .Where(c => !publishedOnly || c.IsPublished)
                .ToArray();
            page = list.Page(matching, "campaign", Orderings, "id", c => c.Id).ToArray();
        }
        catch (FormatException e)
        {
            return ApiErrors.BadRequest(e.Message);
        }
        var campaigns = new JsonObject();
        foreach (var campaign in page)
            campaigns[campaign.Id.ToString(CultureInfo.InvariantCulture)] = CampaignJson.Write(campaign);
        return Results.Json(new JsonObject { ["total"] = matching.Length, ["campaigns"] = campaigns });
    }

    private static async Task<IResult> MembershipAsync(string id, string contactId, HttpContext http, ContactWriteContext context, TimeProvider clock, bool join)
    {
        if (await FindAsync(context.Grains, id) is not { } campaign || await context.FindAsync(contactId) is not { } contact)
            return ApiErrors.NotFound();
        var edit = join
            ? new ContactEdit { At = clock.GetUtcNow(), JoinCampaigns = [campaign.Id] }
            : new ContactEdit { At = clock.GetUtcNow(), LeaveCampaigns = [campaign.Id] };
        if ((await context.UpdateAsync(contact, edit, http.User.ActingUser())).Outcome == Grains.Contacts.WriteKind.Deleted)
            return ApiErrors.NotFound();
        return Results.Json(new JsonObject { ["success"] = 1 });
    }

    /// <summary>Seed 004 "Get Contact's Campaigns"; a deleted campaign is left out.</summary>
    private static async Task<IResult> ContactCampaignsAsync(string id, ContactWriteContext context)
    {
        if (await context.FindContactAsync(id) is not { } contact)
            return ApiErrors.NotFound();
        var campaigns = (await Catalog(context.Grains).List()).ToDictionary(c => c.Id);
        var memberships = new JsonObject();
        foreach (var (campaignId, joined) in contact.Campaigns.OrderBy(c => c.Key))
        {
            if (!campaigns.TryGetValue(campaignId, out var campaign))
                continue;
            memberships[campaignId.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["id"] = campaign.Id,
                ["name"] = campaign.Name,
                ["dateAdded"] = ContactJson.Date(joined),
                ["manuallyRemoved"] = false,
                ["manuallyAdded"] = true,
                ["list_membership"] = new JsonArray(),
            };
        }
        return Results.Json(new JsonObject { ["total"] = memberships.Count, ["campaigns"] = memberships });
    }

    internal static async Task<Campaign?> FindAsync(IGrainFactory grains, string id)
        => ContactIds.TryParse(id, out var campaignId) ? (await Catalog(grains).List()).FirstOrDefault(c => c.Id == campaignId) : null;

    internal static ICampaignCatalogGrain Catalog(IGrainFactory grains) => grains.GetGrain<ICampaignCatalogGrain>(ICampaignCatalogGrain.Key);
}

/// <summary>Creating and editing a campaign from a request body.</summary>
public sealed class CampaignWrites(ContactWriteContext context, IOptions<ContactOptions> options, TimeProvider clock)
{
    public async Task<IResult> WriteAsync(HttpRequest request, string? id, bool replace)
    {
        var (body, malformed) = await context.ReadJsonAsync(request, allowEmpty: false);
        if (malformed is not null)
            return malformed;
        var existing = id is null ? null : await CampaignEndpoints.FindAsync(context.Grains, id);
        if (id is not null && existing is null && !replace)
            return ApiErrors.NotFound();
        var (edit, error) = CampaignPayload.Read(body, replace ? null : existing, options.Value.MaxFieldLength, clock.GetUtcNow());
        if (edit is null)
            return ApiErrors.BadRequest(error!);
        var catalog = CampaignEndpoints.Catalog(context.Grains);
        if (existing is not null && await catalog.Update(existing.Id, edit) is { } updated)
            return Results.Json(new JsonObject { ["campaign"] = CampaignJson.Write(updated) });
        var created = await catalog.Create(edit);
        ApiLocation.Set(request.HttpContext, $"/api/campaigns/{created.Id}");
        return Results.Json(new JsonObject { ["campaign"] = CampaignJson.Write(created) }, statusCode: StatusCodes.Status201Created);
    }
}
