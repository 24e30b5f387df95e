using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Cluster;

public sealed class ClusterCallTests
{
    [Fact]
    public async Task Calls_from_the_client_run_on_the_owner_silo_and_spread_over_all_silos()
    {
        await using var cluster = await TestClusters.StartAsync();

        var reports = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => cluster.Client.GetGrain<IClusterProbeGrain>($"spread-{i}").Report()));

        for (var i = 0; i < reports.Length; i++)
            Assert.Equal(cluster.OwnerOf(new GrainId("clusterprobe", $"spread-{i}")).Address.ToString(), reports[i].Silo);
        Assert.Equal(3, reports.Select(r => r.Silo).Distinct().Count());
    }

    [Fact]
    public async Task A_grain_exception_reaches_the_caller_as_its_type_or_as_a_remote_grain_exception()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2);
        var grain = cluster.Client.GetGrain<IClusterProbeGrain>("thrower");

        var known = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail("no such contact"));
        var unknown = await Assert.ThrowsAsync<RemoteGrainException>(() => grain.FailWithOwnType("custom"));

        Assert.Equal("no such contact", known.Message);
        Assert.Equal(typeof(ProbeSpecificException).FullName, unknown.ExceptionType);
        Assert.Equal("custom", unknown.RemoteMessage);
    }

    [Fact]
    public async Task A_call_between_silos_carries_arguments_and_results_by_their_declared_types()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2);
        var grain = cluster.Client.GetGrain<IClusterProbeGrain>("adder");

        await grain.Add(5);
        var report = await grain.Add(37);

        Assert.Equal(42, report.Value);
    }
}

public sealed class ClusterTimeoutTests
{
    [Fact]
    public async Task The_response_timeout_holds_across_the_hop_and_a_call_that_expired_in_the_remote_queue_never_runs()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2, options => options.Settings["Messaging:ResponseTimeout"] = "00:00:02");
        var grain = cluster.Client.GetGrain<IClusterProbeGrain>("slow");
        await grain.Report();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var sleeping = grain.Sleep(TimeSpan.FromSeconds(5));
        // Two calls are two HTTP/2 streams with no order between them: let the sleep arrive first.
        await Task.Delay(200);
        var queued = grain.Add(1);

        await Assert.ThrowsAsync<TimeoutException>(() => sleeping);
        await Assert.ThrowsAsync<TimeoutException>(() => queued);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(4));
        // Once the sleep has ended on the silo, the queued Add comes up and must be dropped, not run.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(0, (await grain.Report()).Value);
    }
}
