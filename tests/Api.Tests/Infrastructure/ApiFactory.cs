using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>The Api's real pipeline and embedded silo, keeping SQLite in a temporary folder.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("actors-api-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Storage:DataDirectory", DataDirectory);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // Pooled connections would otherwise keep the database file open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
