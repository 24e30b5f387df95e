using System.Diagnostics;
using Actors.Runtime.Catalog;
using Actors.Runtime.Invocation;
using Actors.Runtime.Persistence;
using Actors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>One activation per grain across silos, and what happens when that briefly fails (§9 tests 1, 11 and 12).</summary>
public sealed class SingleActivationTests
{
    [Fact]
    public async Task Hundred_callers_on_every_silo_and_the_client_activating_ten_cold_grains_at_once_meet_one_activation_each()
    {
        await using var cluster = await TestClusters.StartAsync();
        IGrainFactory[] factories = [cluster.Client, .. cluster.RunningSilos.Select(s => s.Services.GetRequiredService<IGrainFactory>())];
        var keys = Enumerable.Range(0, 10).Select(i => $"cold-{Guid.NewGuid():N}").ToArray();
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 100).Select(caller => Task.Run(async () =>
        {
            await barrier.Task;
            var factory = factories[caller % factories.Length];
            return await Task.WhenAll(keys.Select(async key => (key, report: await factory.GetGrain<IClusterProbeGrain>(key).Report())));
        }));
        barrier.SetResult();
        var results = (await Task.WhenAll(calls)).SelectMany(r => r).ToList();

        Assert.Equal(1000, results.Count);
        Assert.All(results.GroupBy(r => r.key), calls => Assert.Single(calls.Select(c => c.report.ActivationId).Distinct()));
        Assert.True(results.Select(r => r.report.Silo).Distinct().Count() > 1);
    }

    [Fact]
    public async Task Of_two_activations_of_one_grain_the_stale_writer_fails_deactivates_and_the_next_call_sees_the_winner()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2);
        var key = "split-" + Guid.NewGuid().ToString("N");
        var owner = cluster.OwnerOf(new GrainId("clusterprobe", key));
        var other = cluster.RunningSilos.Single(s => s != owner);
        var grain = cluster.Client.GetGrain<IClusterProbeGrain>(key);
        await grain.Add(1);

        // A second activation on the silo that does not own the grain, as a stale directory entry would make one.
        var rogue = RogueActivation(other.Services, new GrainId("clusterprobe", key));
        await CallOn(rogue, (IClusterProbeGrain g) => g.Report());
        await grain.Add(10);

        await Assert.ThrowsAsync<InconsistentStateException>(() => CallOn(rogue, (IClusterProbeGrain g) => g.Add(100)));
        await rogue.Deactivated.WaitAsync(TimeSpan.FromSeconds(10));
        var winner = await grain.Report();
        Assert.Equal(11, winner.Value);
        Assert.Equal(owner.Address.ToString(), winner.Silo);
    }

    [Fact]
    public async Task A_gracefully_stopping_silo_hands_its_queued_calls_to_the_new_owner_and_loses_none()
    {
        await using var cluster = await TestClusters.StartAsync();
        var victim = cluster.RunningSilos[1];
        var key = SiloFailureTests.OwnedBy(cluster, victim, 1)[0];
        var grain = cluster.Client.GetGrain<IClusterProbeGrain>(key);
        var first = await grain.Add(1);

        var running = grain.Sleep(TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        var queued = Enumerable.Range(0, 5).Select(_ => grain.Add(1)).ToList();
        await Task.Delay(100);
        var stopping = cluster.StopSiloAsync(victim);

        var ran = await running;
        var reports = await Task.WhenAll(queued);
        await stopping;

        Assert.Equal(victim.Address.ToString(), ran.Silo);
        Assert.All(reports, r => Assert.NotEqual(victim.Address.ToString(), r.Silo));
        Assert.All(reports, r => Assert.NotEqual(first.ActivationId, r.ActivationId));
        Assert.Equal(6, (await grain.Report()).Value);
    }

    private static ActivationData RogueActivation(IServiceProvider silo, GrainId id)
    {
        var registry = silo.GetRequiredService<GrainTypeRegistry>();
        return new ActivationData(id, registry.ClassOf(id.Type), silo.GetRequiredService<GrainRuntime>());
    }

    /// <summary>Runs one call on that very activation, bypassing placement.</summary>
    private static Task<T> CallOn<T>(ActivationData activation, System.Linq.Expressions.Expression<Func<IClusterProbeGrain, Task<T>>> call)
    {
        var body = (System.Linq.Expressions.MethodCallExpression)call.Body;
        var arguments = body.Arguments.Select(a => System.Linq.Expressions.Expression.Lambda(a).Compile().DynamicInvoke()).ToArray();
        var method = (GrainMethod<T>)GrainMethod.For(body.Method);
        var request = method.NewCall(activation.GrainId, arguments, Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10, forwardCount: 0);
        Assert.True(activation.Enqueue(request));
        return request.Result;
    }
}
