using Actors.Runtime.Persistence;
using Actors.Runtime.Tests.Infrastructure;
using Actors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Lifecycle;

public class ActivationLifecycleTests
{
    [Fact]
    public async Task A_deactivated_grain_comes_back_with_its_persisted_state_loaded_before_OnActivateAsync()
    {
        await using var silo = await TestSilo.StartAsync();
        var counter = silo.Grain<IPersistentCounterGrain>("contact-7");
        await counter.Add(5, "first");
        await counter.Add(2, "second");
        var firstActivation = await counter.ActivationId();

        await counter.Deactivate();
        await Eventually.WaitUntil(() => silo.Catalog.Count == 0);

        Assert.NotEqual(firstActivation, await counter.ActivationId());
        Assert.Equal(7, await counter.ValueSeenByOnActivate());
        var state = await counter.Read();
        Assert.Equal(7, state.Value);
        Assert.Equal(["first", "second"], state.History);
    }

    [Fact]
    public async Task A_stale_write_deactivates_the_activation_and_the_next_call_reloads_the_stored_state()
    {
        await using var silo = await TestSilo.StartAsync();
        var counter = silo.Grain<IPersistentCounterGrain>("split-brain");
        await counter.Add(1, "mine");
        var firstActivation = await counter.ActivationId();

        // Another writer (a duplicate activation elsewhere) moves the record on behind this activation's back.
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
        var id = new GrainId("persistentcounter", "split-brain");
        var other = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", id, other);
        other.State.Value = 100;
        other.State.History.Add("theirs");
        await storage.WriteStateAsync("counter", id, other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => counter.Add(1, "lost"));
        await Eventually.WaitUntil(() => silo.Catalog.Count == 0);

        Assert.NotEqual(firstActivation, await counter.ActivationId());
        Assert.Equal(100, (await counter.Read()).Value);
        Assert.Equal(101, await counter.Add(1, "after reload"));
    }

    [Fact]
    public async Task Idle_collection_removes_an_idle_grain_and_keeps_a_busy_one()
    {
        await using var silo = await TestSilo.StartAsync(new Dictionary<string, string?>
        {
            ["GrainCollection:CollectionAge"] = "00:00:00.400",
            ["GrainCollection:CollectionQuantum"] = "00:00:00.100",
        });
        var idle = silo.Grain<ILifecycleProbeGrain>("idle-" + Guid.NewGuid());
        var busy = silo.Grain<ILifecycleProbeGrain>("busy-" + Guid.NewGuid());
        var delayed = silo.Grain<ILifecycleProbeGrain>("delayed-" + Guid.NewGuid());
        await idle.Touch();
        await delayed.KeepAliveFor(TimeSpan.FromSeconds(30));

        var working = busy.Busy(TimeSpan.FromSeconds(1.5));
        await Eventually.WaitUntil(() => LifecycleProbeGrain.EntriesFor(idle.GetGrainKey()).Contains("deactivated:ActivationIdle"));
        await working;

        Assert.DoesNotContain(LifecycleProbeGrain.EntriesFor(busy.GetGrainKey()), e => e.StartsWith("deactivated"));
        Assert.DoesNotContain(LifecycleProbeGrain.EntriesFor(delayed.GetGrainKey()), e => e.StartsWith("deactivated"));
    }

    [Fact]
    public async Task Graceful_shutdown_lets_in_flight_calls_finish_and_deactivates_every_activation()
    {
        var silo = await TestSilo.StartAsync();
        var keys = Enumerable.Range(0, 20).Select(i => $"shutdown-{Guid.NewGuid()}-{i}").ToArray();
        await Task.WhenAll(keys.Select(k => silo.Grain<ILifecycleProbeGrain>(k).Touch()));
        var inFlight = silo.Grain<ILifecycleProbeGrain>(keys[0]).Busy(TimeSpan.FromMilliseconds(500));
        await Task.Delay(50);

        await silo.StopAsync();

        await inFlight;
        Assert.All(keys, k => Assert.Contains("deactivated:ShuttingDown", LifecycleProbeGrain.EntriesFor(k)));
        Assert.Equal(0, silo.Catalog.Count);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.Grain<ILifecycleProbeGrain>(keys[1]).Touch());
        await silo.DisposeAsync();
    }
}
