using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using Actors.Runtime.Membership;
using Actors.Runtime.Tests.Infrastructure;
using Actors.Runtime.Tests.TestGrains;
using Actors.Runtime.TestingHost;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>Crashes, partitions and stale generations (ORLEANS-BRIEF §9 tests 4, 5, 6, 7 and 15).</summary>
public sealed class SiloFailureTests
{
    [Fact]
    public async Task A_killed_silo_is_declared_dead_and_its_grains_come_back_elsewhere_with_their_state()
    {
        await using var cluster = await TestClusters.StartAsync();
        var victim = cluster.RunningSilos[1];
        var keys = OwnedBy(cluster, victim, 5);
        foreach (var key in keys)
            await cluster.Client.GetGrain<IClusterProbeGrain>(key).Add(7);
        var versionsBefore = cluster.RunningSilos.Where(s => s != victim).Select(s => s.View.Version).ToList();

        var killed = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);
        await Eventually.WaitUntilAsync(async () => (await cluster.MembershipTable.ReadAll()).Find(victim.Address)!.Entry.Status == SiloStatus.Dead, cluster.StabilizationTime() * 3);
        var detection = killed.Elapsed;
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.True(detection < cluster.StabilizationTime() * 3, $"detection took {detection}");
        Assert.All(cluster.RunningSilos.Zip(versionsBefore), pair => Assert.True(pair.First.View.Version > pair.Second));
        foreach (var key in keys)
        {
            var report = await cluster.Client.GetGrain<IClusterProbeGrain>(key).Report();
            Assert.NotEqual(victim.Address.ToString(), report.Silo);
            Assert.Equal(7, report.Value);
        }
    }

    [Fact]
    public async Task A_call_pending_on_a_killed_silo_fails_fast_with_silo_unavailable()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2);
        var victim = cluster.RunningSilos[1];
        var grain = cluster.Client.GetGrain<IClusterProbeGrain>(OwnedBy(cluster, victim, 1)[0]);
        await grain.Report();

        var pending = grain.Sleep(TimeSpan.FromSeconds(7));
        await Task.Delay(300);
        var killed = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => pending);
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(5), $"the call failed after {killed.Elapsed}");
    }

    [Fact]
    public async Task A_call_pending_on_a_silo_that_membership_declares_dead_fails_at_once()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2);
        var victim = cluster.RunningSilos[1];
        var grain = cluster.Client.GetGrain<IClusterProbeGrain>(OwnedBy(cluster, victim, 1)[0]);
        await grain.Report();
        var pending = grain.Sleep(TimeSpan.FromSeconds(7));
        await Task.Delay(300);

        var data = await cluster.MembershipTable.ReadAll();
        var row = data.Find(victim.Address)!;
        Assert.True(await cluster.MembershipTable.UpdateRow(row.Entry with { Status = SiloStatus.Dead }, row.ETag, data.Version.Next()));
        var declared = Stopwatch.StartNew();
        await cluster.ClientServices.GetRequiredService<MembershipService.IClusterMembershipService>().RefreshAsync();

        var failure = await Assert.ThrowsAsync<SiloUnavailableException>(() => pending);
        Assert.True(declared.Elapsed < TimeSpan.FromSeconds(2), $"the call failed after {declared.Elapsed}");
        Assert.Contains(victim.Address.ToString(), failure.Message);
    }

    [Fact]
    public async Task A_partitioned_silo_voted_dead_stops_itself_and_its_restart_is_a_new_generation()
    {
        await using var cluster = await TestClusters.StartAsync();
        var partitioned = cluster.RunningSilos[2];

        partitioned.DropIncomingPings = true;
        await Eventually.WaitUntilAsync(() => Task.FromResult(partitioned.FatalErrors.Count > 0), cluster.StabilizationTime() * 4);
        partitioned.DropIncomingPings = false;
        await Eventually.WaitUntilAsync(() => Task.FromResult(!partitioned.IsRunning), TimeSpan.FromSeconds(10));

        Assert.Contains("declares it dead", partitioned.FatalErrors[0]);
        Assert.Equal(SiloStatus.Dead, (await cluster.MembershipTable.ReadAll()).Find(partitioned.Address)!.Entry.Status);
        var restarted = await cluster.StartSiloAsync(partitioned.Address.Port);
        await cluster.WaitForLivenessToStabilizeAsync();
        Assert.True(restarted.Address.Generation > partitioned.Address.Generation);
        Assert.Contains(restarted.Address, cluster.RunningSilos[0].View.ActiveSilos);
        Assert.DoesNotContain(partitioned.Address, cluster.RunningSilos[0].View.ActiveSilos);
    }

    [Fact]
    public async Task A_new_generation_on_an_endpoint_declares_the_old_row_dead_and_an_older_one_cannot_join()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2);
        var old = cluster.RunningSilos[1];
        await cluster.KillSiloAsync(old);

        var newer = await cluster.StartSiloAsync(old.Address.Port, old.Address.Generation + 5);
        var data = await cluster.MembershipTable.ReadAll();
        Assert.Equal(SiloStatus.Dead, data.Find(old.Address)!.Entry.Status);
        Assert.Equal(SiloStatus.Active, data.Find(newer.Address)!.Entry.Status);

        await cluster.KillSiloAsync(newer);
        var refused = await Assert.ThrowsAsync<Hosting.SiloStartupException>(() => cluster.StartSiloAsync(old.Address.Port, old.Address.Generation + 1));
        Assert.Contains("superseded", refused.Message);
        Assert.Contains(cluster.Silos, s => s.FatalErrors.Any(reason => reason.Contains("superseded")));
    }

    [Fact]
    public async Task After_its_owner_silo_is_lost_the_clients_calls_move_to_the_survivors_within_a_refresh_period()
    {
        await using var cluster = await TestClusters.StartAsync();
        var victim = cluster.RunningSilos[0];
        var keys = OwnedBy(cluster, victim, 10);
        foreach (var key in keys)
            await cluster.Client.GetGrain<IClusterProbeGrain>(key).Report();

        await cluster.KillSiloAsync(victim);
        var deadline = Stopwatch.StartNew();
        var answered = new List<ProbeReport>();
        while (answered.Count < keys.Count && deadline.Elapsed < cluster.StabilizationTime() * 3)
        {
            answered.Clear();
            try
            {
                foreach (var key in keys)
                    answered.Add(await cluster.Client.GetGrain<IClusterProbeGrain>(key).Report());
            }
            catch (SiloUnavailableException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(keys.Count, answered.Count);
        Assert.DoesNotContain(answered, r => r.Silo == victim.Address.ToString());
        Assert.DoesNotContain(victim.Address, cluster.ClientServices.GetRequiredService<Placement.GrainPlacement>().Current.Ring.Silos);
    }

    internal static List<string> OwnedBy(TestCluster cluster, SiloHandle silo, int count)
        => [.. Enumerable.Range(0, 10_000).Select(i => $"key-{i}")
            .Where(key => cluster.OwnerOf(new GrainId("clusterprobe", key)) == silo).Take(count)];
}
