using Actors.Api.Auth;
using Actors.Api.Campaigns;
using Actors.Api.Catalogs;
using Actors.Api.Categories;
using Actors.Api.Companies;
using Actors.Api.Contacts.Export;
using Actors.Api.Contacts.Import;
using Actors.Api.Contacts;
using Actors.Api.Devices;
using Actors.Api.Errors;
using Actors.Api.Fields;
using Actors.Api.Http;
using Actors.Api.Notes;
using Actors.Api.Segments;
using Actors.Api.Stages;
using Actors.Api.Tags;
using Actors.Api.Users;
using Actors.Interfaces.Categories;
using Actors.Interfaces.Segments;
using Actors.Interfaces.Stages;
using Actors.Interfaces.Tags;

namespace Actors.Api;

/// <summary>The /api surface: Mautic's REST API shape, JSON everywhere, HTTP Basic authentication, the Mautic-Version header on every answer, and HEAD on every GET route.</summary>
public static class ApiRoutes
{
    /// <summary>The Mautic release whose API this service follows.</summary>
    public const string MauticVersion = "5.1.0";

    public static IEndpointRouteBuilder MapMauticApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AnswerHeadAsGet();
        api.AddEndpointFilter<TryAgainFilter>();
        // Before Mautic-Version, so that authentication errors go out without it, as Mautic's own do.
        api.AddEndpointFilter<BasicAuthenticationFilter>();
        api.AddEndpointFilter<NulInQueryFilter>();
        api.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers["Mautic-Version"] = MauticVersion;
            return await next(context);
        });
        api.MapContacts();
        api.MapContactWrites();
        api.MapContactChannels();
        api.MapContactBatches();
        api.MapContactImports();
        api.MapContactExport();
        api.MapContactBatchActions();
        api.MapUsers();
        api.MapContactListings();
        api.MapContactFields();
        api.MapCatalog<Segment, SegmentResource>();
        api.MapSegmentMembership();
        api.MapCatalog<Stage, StageResource>();
        api.MapStageMembership();
        api.MapCatalog<Tag, TagResource>();
        api.MapCatalog<Category, CategoryResource>();
        api.MapCompanies();
        api.MapCampaigns();
        api.MapNotes();
        api.MapContactDevices();
        api.MapAllContactsActivity();
        return endpoints;
    }
}
