using Actors.Runtime.Catalog;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Tests.Infrastructure;
using Actors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Lifecycle;

public class MemoryPressureSheddingTests
{
    private const string Shed = "deactivated:HighMemoryPressure";

    [Fact]
    public async Task Above_the_limit_the_least_recently_used_idle_activations_are_deactivated_until_the_target_is_reached()
    {
        await using var silo = await TestSilo.StartAsync();
        var run = Guid.NewGuid().ToString("N");
        var busy = silo.Grain<ILifecycleProbeGrain>($"busy-{run}");
        var kept = silo.Grain<ILifecycleProbeGrain>($"kept-{run}");
        await busy.Touch();
        await kept.KeepAliveFor(TimeSpan.FromMinutes(1));
        var idle = await TouchInOrder(silo, $"idle-{run}", count: 20);
        var working = busy.Busy(TimeSpan.FromSeconds(2));
        await Task.Delay(50); // the busy grain's turn is under way
        // 90 % used, target 75 %: a sixth of the 22 activations, rounded up, is the surplus.
        var monitor = new FixedMemoryUsage(new MemoryUsage(90, 100, FullCollections: 1));

        var shed = Shedder(silo, monitor).ShedOnce();

        Assert.Equal(4, shed);
        await Eventually.WaitUntil(() => idle.Take(4).All(key => LifecycleProbeGrain.EntriesFor(key).Contains(Shed)));
        await working;
        Assert.All(idle.Skip(4), key => Assert.DoesNotContain(Shed, LifecycleProbeGrain.EntriesFor(key)));
        Assert.DoesNotContain(Shed, LifecycleProbeGrain.EntriesFor(busy.GetGrainKey()));
        Assert.DoesNotContain(Shed, LifecycleProbeGrain.EntriesFor(kept.GetGrainKey()));
        // A shed grain is only deactivated: the next call activates it again.
        await silo.Grain<ILifecycleProbeGrain>(idle[0]).Touch();
        Assert.Equal(["activated", Shed, "activated"], LifecycleProbeGrain.EntriesFor(idle[0]));
    }

    [Fact]
    public async Task Among_thousands_the_oldest_are_shed_whole_and_the_next_in_age_only_as_far_as_the_surplus_goes()
    {
        await using var silo = await TestSilo.StartAsync();
        var run = Guid.NewGuid().ToString("N");
        var groups = new List<string[]>();
        foreach (var age in (string[])["old", "middle", "new"])
        {
            var keys = Enumerable.Range(0, 500).Select(i => $"{age}-{run}-{i}").ToArray();
            await Task.WhenAll(keys.Select(key => silo.Grain<ILifecycleProbeGrain>(key).Touch()));
            groups.Add(keys);
            await Task.Delay(100);
        }
        // 1,500 activations at 140.6 % used, target 75 %: 700 to shed, the 500 old ones and 200 of the middle ones.
        var shed = Shedder(silo, new FixedMemoryUsage(new MemoryUsage(1406, 1000, FullCollections: 1))).ShedOnce();

        Assert.Equal(700, shed);
        await Eventually.WaitUntil(() => silo.Catalog.Count == 800);
        int ShedIn(string[] keys) => keys.Count(key => LifecycleProbeGrain.EntriesFor(key).Contains(Shed));
        Assert.Equal([500, 200, 0], groups.Select(ShedIn));
    }

    [Fact]
    public async Task Below_the_limit_nothing_is_deactivated()
    {
        await using var silo = await TestSilo.StartAsync();
        var idle = await TouchInOrder(silo, $"calm-{Guid.NewGuid():N}", count: 5);

        Assert.Equal(0, Shedder(silo, new FixedMemoryUsage(new MemoryUsage(79, 100, FullCollections: 1))).ShedOnce());
        Assert.Equal(5, silo.Catalog.Count);
        Assert.All(idle, key => Assert.Equal(["activated"], LifecycleProbeGrain.EntriesFor(key)));
    }

    [Fact]
    public async Task After_shedding_the_silo_waits_for_a_full_collection_before_it_sheds_again()
    {
        await using var silo = await TestSilo.StartAsync();
        await TouchInOrder(silo, $"gc-{Guid.NewGuid():N}", count: 10);
        var monitor = new FixedMemoryUsage(new MemoryUsage(90, 100, FullCollections: 7));
        var shedder = Shedder(silo, monitor);

        Assert.Equal(2, shedder.ShedOnce());
        await Eventually.WaitUntil(() => silo.Catalog.Count == 8);
        // The shed activations' memory is garbage until the next full collection: the same reading must not shed more.
        Assert.Equal(0, shedder.ShedOnce());
        monitor.Usage = monitor.Usage with { FullCollections = 8 };
        Assert.Equal(2, shedder.ShedOnce());
        await Eventually.WaitUntil(() => silo.Catalog.Count == 6);
    }

    [Fact]
    public async Task The_silo_sheds_on_its_own_polling_and_not_when_shedding_is_turned_off()
    {
        var settings = new Dictionary<string, string?> { ["GrainCollection:MemoryUsagePollingPeriod"] = "00:00:00.050" };
        var key = $"polled-{Guid.NewGuid():N}";
        await using (var silo = await TestSilo.StartAsync(settings, new FixedMemoryUsage(new MemoryUsage(95, 100, FullCollections: 1))))
        {
            await silo.Grain<ILifecycleProbeGrain>(key).Touch();
            await Eventually.WaitUntil(() => LifecycleProbeGrain.EntriesFor(key).Contains(Shed));
        }

        settings["GrainCollection:EnableActivationSheddingOnMemoryPressure"] = "false";
        var off = $"off-{Guid.NewGuid():N}";
        await using (var silo = await TestSilo.StartAsync(settings, new FixedMemoryUsage(new MemoryUsage(95, 100, FullCollections: 1))))
        {
            await silo.Grain<ILifecycleProbeGrain>(off).Touch();
            await Task.Delay(300);
            Assert.Equal(["activated"], LifecycleProbeGrain.EntriesFor(off));
        }
    }

    [Theory]
    [InlineData("80", "80", "00:00:05", "MemoryUsageTargetPercentage")]
    [InlineData("101", "75", "00:00:05", "MemoryUsageLimitPercentage")]
    [InlineData("80", "75", "00:00:00", "MemoryUsagePollingPeriod")]
    public async Task Settings_that_cannot_work_stop_the_silo_naming_the_setting(string limit, string target, string polling, string named)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSilo.StartAsync(new Dictionary<string, string?>
        {
            ["GrainCollection:MemoryUsageLimitPercentage"] = limit,
            ["GrainCollection:MemoryUsageTargetPercentage"] = target,
            ["GrainCollection:MemoryUsagePollingPeriod"] = polling,
        }));
        Assert.Contains($"GrainCollection:{named}", failure.Message);
    }

    /// <summary>Activates the grains one after the other, each used 10 ms after the one before; returns their keys in that order.</summary>
    private static async Task<string[]> TouchInOrder(TestSilo silo, string prefix, int count)
    {
        var keys = Enumerable.Range(0, count).Select(i => $"{prefix}-{i}").ToArray();
        foreach (var key in keys)
        {
            await silo.Grain<ILifecycleProbeGrain>(key).Touch();
            await Task.Delay(10);
        }
        return keys;
    }

    private static MemoryPressureShedder Shedder(TestSilo silo, IMemoryUsageMonitor monitor)
        => new(silo.Catalog, monitor, silo.Services.GetRequiredService<IOptions<GrainCollectionOptions>>(), silo.Services.GetRequiredService<RuntimeLog>());

    private sealed class FixedMemoryUsage(MemoryUsage usage) : IMemoryUsageMonitor
    {
        public MemoryUsage Usage { get; set; } = usage;

        public MemoryUsage Read() => Usage;
    }
}
