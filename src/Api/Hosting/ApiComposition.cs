using Actors.Api.Auth;
using Actors.Api.Campaigns;
using Actors.Api.Catalogs;
using Actors.Api.Companies;
using Actors.Api.Contacts;
using Actors.Api.Contacts.Export;
using Actors.Api.Errors;
using Actors.Api.Fields;
using Actors.Api.Http;
using Actors.Api.Lists;
using Actors.Api.Notes;
using Actors.Api.Segments;
using Actors.Api.Tracking;
using Actors.Api.Ui;
using Actors.Silo.Health;
using Actors.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Api.Hosting;

/// <summary>
/// The front end's services and endpoints in one place, so that Program.cs and a benchmark host compose
/// exactly the same application.
/// </summary>
public static class ApiComposition
{
    /// <summary>The embedded silo (or, with Cluster:Mode=Client, a cluster client), the tracking protocol and the REST API's services.</summary>
    public static WebApplicationBuilder AddContactApi(this WebApplicationBuilder builder)
    {
        if (ClusterHosting.IsClientMode(builder.Configuration))
            builder.AddContactClusterClient();
        else
            builder.Services.AddContactSilo(builder.Configuration);
        builder.Services.AddConnectionLimit(builder.Configuration);
        builder.Services.OmitServerHeader();
        // After the silo: its start migrates the storage that data protection loads its key ring from at start
        // (UiKeyRing) and that the first-admin bootstrap reads.
        builder.Services.AddOperatorUi(builder.Configuration);
        builder.Services.AddApiAuthentication(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        // HEAD is every GET route's twin (HeadRequests), not an operation of its own.
        builder.Services.AddOpenApi(options =>
        {
            var included = options.ShouldInclude;
            options.ShouldInclude = description => !HeadRequests.IsHead(description) && included(description);
        });
        builder.Services.AddSingleton<StreamSlots>();
        builder.Services.AddSingleton<IValidateOptions<ApiOptions>, StreamSlotsValidator>();
        builder.Services.AddSingleton<FieldCatalogCache>();
        builder.Services.AddSingleton<FieldDelete>();
        builder.Services.AddSingleton<UniqueFieldClaims>();
        builder.Services.AddSingleton<ContactWriteContext>();
        builder.Services.AddCatalogResources();
        builder.Services.AddSingleton<CompanyDirectory>();
        builder.Services.AddSingleton<CompanyWrites>();
        builder.Services.AddSingleton<CampaignWrites>();
        builder.Services.AddSingleton<NoteWrites>();
        builder.Services.AddOptions<ContactOptions>().Bind(builder.Configuration.GetSection(ContactOptions.SectionName))
            .Validate(options => options is { MaxFieldLength: > 0, BatchLimit: > 0, MaxBodyLength: > 0 } && options.MaxTextareaLength >= options.MaxFieldLength,
                "Contacts:MaxFieldLength, Contacts:BatchLimit and Contacts:MaxBodyLength must be positive, and Contacts:MaxTextareaLength at least Contacts:MaxFieldLength.")
            .ValidateOnStart();
        builder.Services.AddOptions<SegmentOptions>().Bind(builder.Configuration.GetSection(SegmentOptions.SectionName))
            .Validate(options => options.MaxFilters > 0, "Segments:MaxFilters must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<ExportOptions>().Bind(builder.Configuration.GetSection(ExportOptions.SectionName))
            .Validate(options => options.XlsxRowsPerSheet is >= 2 and <= XlsxContactWriter.ExcelMaxRows, "Export:XlsxRowsPerSheet must be between 2 and 1048576.")
            .ValidateOnStart();
        builder.Services.AddTracking(builder.Configuration);
        builder.Services.AddSingleton<IVisitorTracker, GrainVisitorTracker>();
        return builder;
    }

    /// <summary>
    /// nosniff on every answer, no-store on /api and /ui answers but the UI's assets, the scheme a trusted proxy forwards, a HEAD's work ended at its headers, the API's error body
    /// on /api errors that have none, OPTIONS answered on every path as Mautic answers it, then health probes, the tracking
    /// script and endpoints, /api, the operator UI under /ui, and the OpenAPI document at /openapi/v1.json; HEAD is
    /// answered as GET on the routes that take GET.
    /// </summary>
    public static WebApplication MapContactApi(this WebApplication app)
    {
        app.UseResponseHeaderDefaults();
        app.UseForwardedScheme();
        app.UseHeadEndingAtItsHeaders();
        app.UseApiErrorBodies();
        app.UseCorsPreflight();
        app.MapHealthEndpoints();
        app.MapTrackingScript();
        app.MapTracking();
        app.MapMauticApi();
        app.MapOperatorUi();
        app.MapOpenApi().AnswerHeadAsGet();
        return app;
    }
}
