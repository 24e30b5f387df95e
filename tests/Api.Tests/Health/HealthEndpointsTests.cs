using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Runtime.Persistence.Sqlite;

namespace Actors.Api.Tests.Health;

public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Embedded_silo_on_sqlite_is_live_and_ready_and_creates_its_database_file()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, SqliteDatabase.FileName)));
    }
}
