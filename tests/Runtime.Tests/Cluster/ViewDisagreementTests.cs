using Actors.Runtime.Membership;
using Actors.Runtime.MembershipService;
using Actors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>
/// A silo that is stopping has dropped itself from its own ring and forwards what it receives, while the new owner has
/// not read that yet: the call must reach the grain, not bounce between the two until the forward bound fails it.
/// </summary>
public sealed class ViewDisagreementTests
{
    [Fact]
    public async Task A_call_forwarded_by_a_stopping_silo_to_an_owner_that_has_not_seen_it_stop_runs_on_that_owner()
    {
        // Nothing refreshes a view on its own during the test, so only the runtime's own reading can end the disagreement.
        await using var cluster = await TestClusters.StartAsync(silos: 2, options =>
        {
            options.Settings["ClusterMembership:TableRefreshTimeout"] = "00:10:00";
            options.Settings["ClusterClient:MembershipRefreshPeriod"] = "00:10:00";
        });
        var (owner, stopping) = (cluster.RunningSilos[0], cluster.RunningSilos[1]);
        var key = SiloFailureTests.OwnedBy(cluster, stopping, 1)[0];

        var data = await cluster.MembershipTable.ReadAll();
        var row = data.Find(stopping.Address)!;
        Assert.True(await cluster.MembershipTable.UpdateRow(row.Entry with { Status = SiloStatus.ShuttingDown }, row.ETag, data.Version.Next()));
        await stopping.Services.GetRequiredService<IClusterMembershipService>().RefreshAsync();
        Assert.DoesNotContain(stopping.Address, stopping.View.ActiveSilos);
        Assert.Contains(stopping.Address, owner.View.ActiveSilos);

        var report = await cluster.Client.GetGrain<IClusterProbeGrain>(key).Report();

        Assert.Equal(owner.Address.ToString(), report.Silo);
        Assert.DoesNotContain(stopping.Address, owner.View.ActiveSilos);
    }
}
