using Actors.Api.Hosting;
using Actors.Silo.Hosting;

// The embedded default: the front end with one in-process silo, storing grain state in SQLite under ./data,
// so `dotnet run --project src/Api` needs nothing installed or configured. Kestrel listens on
// http://localhost:5000 unless ASPNETCORE_URLS or --urls says otherwise.
return await StartupGuard.RunAsync(args,
    builder => builder.AddContactApi(),
    app => app.MapContactApi());

/// <summary>Public so that WebApplicationFactory&lt;Program&gt; in Api.Tests finds this entry point; the silo's Program stays internal.</summary>
public partial class Program;
