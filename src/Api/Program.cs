using Actors.Api;
using Actors.Api.Auth;
using Actors.Api.Fields;
using Actors.Api.Tracking;
using Actors.Silo.Health;
using Actors.Silo.Hosting;

// The embedded default: the front end with one in-process silo, storing grain state in SQLite under ./data,
// so `dotnet run --project src/Api` needs nothing installed or configured. Kestrel listens on
// http://localhost:5000 unless ASPNETCORE_URLS or --urls says otherwise.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddContactSilo(builder.Configuration);
// After the silo: its start migrates the storage that the first-admin bootstrap reads.
builder.Services.AddApiAuthentication(builder.Configuration);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<FieldCatalogCache>();
builder.Services.AddTracking(builder.Configuration);
builder.Services.AddSingleton<IVisitorTracker, GrainVisitorTracker>();

var app = builder.Build();
app.MapHealthEndpoints();
app.MapTrackingScript();
app.MapTracking();
app.MapMauticApi();

return await StartupGuard.RunAsync(app);

/// <summary>Public so that WebApplicationFactory&lt;Program&gt; in Api.Tests finds this entry point; the silo's Program stays internal.</summary>
public partial class Program;
