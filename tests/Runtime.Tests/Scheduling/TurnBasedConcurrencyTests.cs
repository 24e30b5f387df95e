using Actors.Runtime.Tests.Infrastructure;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Scheduling;

public class TurnBasedConcurrencyTests
{
    [Fact]
    public async Task Thousand_concurrent_increments_on_a_non_reentrant_grain_end_at_exactly_a_thousand()
    {
        await using var silo = await TestSilo.StartAsync();
        var counter = silo.Grain<ICounterGrain>("exact");

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => counter.IncrementWithYield())));

        Assert.Equal(1000, await counter.Get());
    }

    [Fact]
    public async Task A_reentrant_grain_lets_turns_interleave_so_the_same_increments_lose_updates()
    {
        await using var silo = await TestSilo.StartAsync();
        var counter = silo.Grain<IReentrantCounterGrain>("lossy");

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => counter.IncrementWithYield()));

        Assert.True(await counter.Get() < 1000, "interleaving should be observable on a [Reentrant] grain");
    }

    [Fact]
    public async Task Two_read_only_calls_interleave()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = silo.Grain<IConcurrencyProbeGrain>("readers");

        await Task.WhenAll(probe.Read(TimeSpan.FromMilliseconds(300)), probe.Read(TimeSpan.FromMilliseconds(300)));

        Assert.Equal(2, (await probe.Observations()).MaxConcurrent);
    }

    [Fact]
    public async Task A_write_does_not_interleave_with_read_only_calls()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = silo.Grain<IConcurrencyProbeGrain>("reader-writer");
        var hold = TimeSpan.FromMilliseconds(150);

        await Task.WhenAll(probe.Read(hold), probe.Write(hold), probe.Read(hold), probe.Write(hold), probe.Read(hold));

        Assert.False((await probe.Observations()).WriteOverlapped);
    }

    [Fact]
    public async Task An_always_interleave_call_runs_beside_a_blocking_call()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = silo.Grain<IConcurrencyProbeGrain>("peek");

        // The write holds its turn long enough that a test thread slowed by a busy machine still peeks inside it.
        var write = probe.Write(TimeSpan.FromSeconds(3));
        await Task.Delay(100);
        var runningDuringWrite = await probe.Peek().WaitAsync(TimeSpan.FromSeconds(2));
        await write;

        Assert.Equal(1, runningDuringWrite);
    }

    [Fact]
    public async Task Timer_ticks_never_overlap_each_other_or_requests()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grain<ITimerGrain>("ticker");

        await grain.Start(period: TimeSpan.FromMilliseconds(5), tickDuration: TimeSpan.FromMilliseconds(20));
        for (var i = 0; i < 10; i++)
            await grain.Work(TimeSpan.FromMilliseconds(15));
        await Task.Delay(200);
        await grain.Stop();
        var (ticks, overlapped) = await grain.Observations();

        Assert.True(ticks >= 3, $"expected several ticks, saw {ticks}");
        Assert.False(overlapped);
    }

    [Fact]
    public async Task Hundred_thousand_idle_activations_cost_memory_not_threads()
    {
        await using var silo = await TestSilo.StartAsync();
        var threadsBefore = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;

        for (var batch = 0; batch < 100; batch++)
            await Task.WhenAll(Enumerable.Range(batch * 1000, 1000).Select(i => silo.Grain<ICallChainGrain>($"idle-{i}").Noop()));

        Assert.Equal(100_000, silo.Catalog.Count);
        var threadsAfter = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
        Assert.True(threadsAfter - threadsBefore < 50, $"threads grew from {threadsBefore} to {threadsAfter}");
    }
}
