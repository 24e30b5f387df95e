using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Runtime.Membership;
using Actors.Runtime.Membership.Memory;
using Actors.Runtime.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Cluster;

/// <summary>
/// An Api in client mode may start before any silo is Active (in Kubernetes the API pods and the silos start together):
/// it starts anyway, live but not ready, and becomes ready and serves calls once a silo joins.
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
        await WaitUntilReadyAsync(probe);
        var contact = await Create(api, """{"email":"after-the-silo@example.com"}""");

        Assert.True(contact > 0);
    }

    private static async Task WaitUntilReadyAsync(HttpClient probe)
    {
        var deadline = DateTime.UtcNow + ReadyWithin;
        while ((await probe.GetAsync("/readyz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The client was not ready {ReadyWithin.TotalSeconds} s after a silo joined.");
            await Task.Delay(200);
        }
    }
}

public sealed class SqliteClusterClientStartupTests() : ClusterClientStartupTests(TestStore.Sqlite);

public sealed class PostgreSqlClusterClientStartupTests() : ClusterClientStartupTests(TestStore.PostgreSql);
