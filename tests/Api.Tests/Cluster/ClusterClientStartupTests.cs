using System.Net;
using Actors.Api.Catalogs;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Segments;
using Actors.Runtime.Membership;
using Actors.Runtime.Membership.Memory;
using Actors.Runtime.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Cluster;

/// <summary>
/// An Api in client mode may start before any silo is Active (in Kubernetes the API pods and the silos start together):
/// it starts anyway, live but not ready, and becomes ready and serves calls once a silo joins; the catalog changes an
/// earlier process left unfinished wait for that silo too.
/// </summary>
public abstract class ClusterClientStartupTests(Func<TestStore> store)
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_client_started_before_any_silo_is_live_but_not_ready_and_serves_calls_once_a_silo_is_active()
    {
        var table = new InMemoryMembershipTable();
        var testStore = store();
        var silos = ClusterDeployment.SiloOptions(testStore, silos: 1, table);
        // No short ClusterClient:MembershipRefreshPeriod: the client must notice the silo on its own, well before its one minute.
        await using var api = new ApiFactory(testStore, new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "Client",
            ["Cluster:ClusterId"] = silos.ClusterId,
        }, services => services.AddSingleton<IMembershipTable>(table));

        using var probe = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await probe.GetAsync("/readyz")).StatusCode);

        await using var cluster = await TestCluster.StartAsync(silos);
        await WaitUntilAsync(async () => (await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "ready after a silo joined");
        var contact = await Create(api, """{"email":"after-the-silo@example.com"}""");

        Assert.True(contact > 0);
    }

    [Fact]
    public async Task A_client_started_before_any_silo_waits_for_one_without_stack_traces_and_then_finishes_the_unfinished_changes()
    {
        var table = new InMemoryMembershipTable();
        var testStore = store();
        await using var cluster = await TestCluster.StartAsync(ClusterDeployment.SiloOptions(testStore, silos: 1, table));
        var catalog = CatalogEndpoints.Catalog<Segment>(cluster.Client);
        var segment = (await catalog.Add(new Segment(0, "Going", "going", null, true, true, "[]", DateTimeOffset.UtcNow, null))).Entry!;
        await catalog.BeginRemove(segment.Id);
        await cluster.StopSiloAsync(cluster.Silos.Single());
        var log = new RecordingLoggerProvider();

        await using var api = new ApiFactory(testStore, new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "Client",
            ["Cluster:ClusterId"] = cluster.ClusterId,
        }, services => services.AddSingleton<IMembershipTable>(table).AddSingleton<ILoggerProvider>(log));
        _ = api.Services;
        await WaitUntilAsync(() => Task.FromResult(log.Of<UnfinishedCatalogChanges>().Count >= 2), "two attempts without a silo");
        var waiting = log.Of<UnfinishedCatalogChanges>();
        await cluster.StartAdditionalSiloAsync();
        using var probe = api.CreateClient();
        await WaitUntilAsync(async () => (await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "ready after a silo joined");
        await WaitUntilAsync(async () => (await CatalogEndpoints.Catalog<Segment>(api.Grains).Removing()).Count == 0, "the delete finished");

        Assert.All(waiting, line => Assert.Equal(LogLevel.Warning, line.Level));
        Assert.All(waiting, line => Assert.Null(line.Exception));
        Assert.Null(await CatalogEndpoints.Catalog<Segment>(api.Grains).Get(segment.Id));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + ReadyWithin;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not {what} within {ReadyWithin.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }
}

public sealed class SqliteClusterClientStartupTests() : ClusterClientStartupTests(TestStore.Sqlite);

public sealed class PostgreSqlClusterClientStartupTests() : ClusterClientStartupTests(TestStore.PostgreSql);
