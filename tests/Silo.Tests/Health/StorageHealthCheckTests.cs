using Actors.Silo.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Silo.Tests.Health;

public sealed class StorageHealthCheckTests
{
    [Fact]
    public async Task Is_healthy_when_every_storage_answers()
    {
        var check = new StorageHealthCheck([new FakeStorage(), new FakeStorage()]);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task Is_unhealthy_naming_the_cause_when_one_storage_cannot_be_reached()
    {
        var check = new StorageHealthCheck([new FakeStorage(), new FakeStorage { Reachable = false }]);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("FakeStorage is unreachable: Connection refused", result.Description);
        Assert.IsType<IOException>(result.Exception);
    }
}
