using Actors.Runtime.Diagnostics;
using Actors.Runtime.Membership;
using Actors.Runtime.Messaging;
using Actors.Runtime.Tests.Infrastructure;
using Actors.Runtime.Tests.TestGrains;
using Actors.Runtime.TestingHost;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>
/// The dashboard's reports gathered through the cluster (Orleans's DashboardGrain over per-silo statistics): every
/// silo of the membership view with its own activations and calls, asked over the silo port, and silos that are gone
/// shown with their membership status and no figures.
/// </summary>
public sealed class ClusterSiloReportsTests
{
    private const string ProbeType = "clusterprobe";

    [Fact]
    public async Task The_reports_list_every_silo_as_active_with_its_own_activations_and_calls_and_latency_once_watched()
    {
        await using var cluster = await TestClusters.StartAsync(configure: options => options.Settings["Dashboard:SampleInterval"] = "00:00:00.200");
        var reports = Reports(cluster.ClientServices);
        // The first look is what makes the silos measure call durations.
        Assert.All(await reports.ReportsAsync(CancellationToken.None), report => Assert.Equal(0, report.Figures!.LatencyP99Ms));
        var perSilo = cluster.RunningSilos.Select((silo, i) => (silo, keys: SiloFailureTests.OwnedBy(cluster, silo, i + 2))).ToList();
        foreach (var (_, keys) in perSilo)
            await Task.WhenAll(keys.Select(key => cluster.Client.GetGrain<IClusterProbeGrain>(key).Report()));
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var fromClient = await reports.ReportsAsync(CancellationToken.None);
        var fromSilo = await Reports(cluster.RunningSilos[0].Services).ReportsAsync(CancellationToken.None);

        Assert.Equal(perSilo.Select(p => p.silo.Address.ToString()).Order(), fromClient.Select(r => r.Address).Order());
        foreach (var (silo, keys) in perSilo)
        {
            var report = fromClient.Single(r => r.Address == silo.Address.ToString());
            Assert.Equal(nameof(SiloStatus.Active), report.Status);
            Assert.Equal(keys.Count, report.Figures!.ActivationsByType[ProbeType]);
            Assert.True(report.Figures.TotalCalls >= keys.Count, $"{silo} counted {report.Figures.TotalCalls} calls");
            Assert.True(report.Figures.CallsPerSecond > 0);
            Assert.True(report.Figures.LatencyP99Ms > 0, $"{silo} measured no latency after being watched");
            Assert.True(report.Figures.MemoryBytes > 0);
            Assert.InRange(report.StartedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
        }
        // A silo gathers the same cluster: its own figures in process, the others' over the silo port.
        Assert.Equal(fromClient.Select(r => (r.Address, r.Status, r.Figures!.ActivationsByType[ProbeType])),
            fromSilo.Select(r => (r.Address, r.Status, r.Figures!.ActivationsByType[ProbeType])));
    }

    [Fact]
    public async Task Silos_stop_measuring_call_latency_once_nobody_has_asked_for_their_report_for_the_watch_window()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2, options =>
        {
            options.Settings["Dashboard:SampleInterval"] = "00:00:00.100";
            options.Settings["Dashboard:WatchWindow"] = "00:00:00.300";
        });
        var reports = Reports(cluster.ClientServices);
        var grains = cluster.RunningSilos.SelectMany(silo => SiloFailureTests.OwnedBy(cluster, silo, 3)).Select(key => cluster.Client.GetGrain<IClusterProbeGrain>(key)).ToList();
        await reports.ReportsAsync(CancellationToken.None);
        await CallForAsync(grains, TimeSpan.FromMilliseconds(400));
        var watched = await reports.ReportsAsync(CancellationToken.None);

        // Past the watch window, and past the five samples a report covers, with calls still flowing.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await CallForAsync(grains, TimeSpan.FromMilliseconds(700));
        var unwatched = await reports.ReportsAsync(CancellationToken.None);

        Assert.All(watched, report => Assert.True(report.Figures!.LatencyP99Ms > 0, $"{report.Address} measured no latency while watched"));
        Assert.All(unwatched, report =>
        {
            Assert.True(report.Figures!.CallsPerSecond > 0, $"{report.Address} counted no calls");
            Assert.Equal(0, report.Figures.LatencyP99Ms);
        });
    }

    [Fact]
    public async Task A_killed_silo_is_shown_without_figures_and_then_dead_and_a_stopped_one_dead()
    {
        await using var cluster = await TestClusters.StartAsync();
        var (survivor, stopped, victim) = (cluster.RunningSilos[0], cluster.RunningSilos[1], cluster.RunningSilos[2]);
        var reports = Reports(cluster.ClientServices);
        await cluster.StopSiloAsync(stopped);
        await cluster.WaitForLivenessToStabilizeAsync();

        await cluster.KillSiloAsync(victim);
        var unreachable = (await reports.ReportsAsync(CancellationToken.None)).Single(r => r.Address == victim.Address.ToString());
        await Eventually.WaitUntilAsync(async () => (await cluster.MembershipTable.ReadAll()).Find(victim.Address)!.Entry.Status == SiloStatus.Dead, cluster.StabilizationTime() * 3);
        await cluster.WaitForLivenessToStabilizeAsync();
        var after = await reports.ReportsAsync(CancellationToken.None);

        Assert.Null(unreachable.Figures);
        Assert.Equal(3, after.Count);
        Assert.Equal((nameof(SiloStatus.Active), true), Shown(after, survivor));
        Assert.Equal((nameof(SiloStatus.Dead), false), Shown(after, stopped));
        Assert.Equal((nameof(SiloStatus.Dead), false), Shown(after, victim));
        Assert.Equal(survivor.Address.ToString(), after[0].Address);
    }

    [Fact]
    public async Task A_report_request_for_another_generation_or_cluster_is_refused()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 1);
        var silo = cluster.RunningSilos[0].Address;
        var connections = cluster.ClientServices.GetRequiredService<SiloConnections>();
        using var foreign = new SiloConnections(new ClusterIdentity("another-cluster", null));

        var answered = await connections.ReportAsync(silo, TimeSpan.FromSeconds(5), CancellationToken.None);
        var otherGeneration = await connections.ReportAsync(silo with { Generation = silo.Generation + 1 }, TimeSpan.FromSeconds(5), CancellationToken.None);
        var otherCluster = await foreign.ReportAsync(silo, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.NotNull(answered);
        Assert.Null(otherGeneration);
        Assert.Null(otherCluster);
    }

    private static async Task CallForAsync(IReadOnlyList<IClusterProbeGrain> grains, TimeSpan duration)
    {
        for (var until = DateTime.UtcNow + duration; DateTime.UtcNow < until; await Task.Delay(20))
            await Task.WhenAll(grains.Select(grain => grain.Report()));
    }

    private static ISiloReportSource Reports(IServiceProvider services) => services.GetRequiredService<ISiloReportSource>();

    private static (string Status, bool Reporting) Shown(IReadOnlyList<SiloReport> reports, SiloHandle silo)
    {
        var report = reports.Single(r => r.Address == silo.Address.ToString());
        return (report.Status, report.Figures is not null);
    }
}
