using Actors.Runtime.Tests.Infrastructure;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Invocation;

public class CallSemanticsTests
{
    private static readonly Dictionary<string, string?> ShortTimeout = new() { ["Messaging:ResponseTimeout"] = "00:00:01" };

    [Fact]
    public async Task A_call_chain_back_into_a_non_reentrant_grain_ends_in_a_timeout_after_the_configured_time()
    {
        await using var silo = await TestSilo.StartAsync(ShortTimeout);
        var a = silo.Grain<ICallChainGrain>("a");
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() => a.CallPeerThatCallsBack("b"));

        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_long_call_times_out_at_the_caller()
    {
        await using var silo = await TestSilo.StartAsync(ShortTimeout);

        await Assert.ThrowsAsync<TimeoutException>(() => silo.Grain<ICallChainGrain>("sleeper").Sleep(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_call_still_queued_when_its_caller_gave_up_never_runs()
    {
        await using var silo = await TestSilo.StartAsync(ShortTimeout);
        var grain = silo.Grain<IThrowingGrain>("queued");

        // The turn outlasts the 1 s timeout by 2 s: a loaded machine may run the timeout sweep late (one run in about
        // twenty saw the 1.5 s turn of before end first), and the caller must give up while the call is still queued.
        var occupying = grain.Sleep(TimeSpan.FromSeconds(3));
        await Task.Delay(100);
        await Assert.ThrowsAsync<TimeoutException>(() => grain.CallCount());
        await Assert.ThrowsAsync<TimeoutException>(() => occupying);
        await Task.Delay(2200);

        Assert.Equal(1, await grain.CallCount());
    }

    [Fact]
    public async Task A_grain_exception_reaches_the_caller_with_its_type_and_message()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grain<IThrowingGrain>("thrower");

        var afterAwait = await Assert.ThrowsAsync<ContactRuleViolatedException>(() => grain.ThrowAfterAwait("email already taken"));
        var synchronous = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowSynchronously("no such contact"));
        var fromValueTask = await Assert.ThrowsAsync<ContactRuleViolatedException>(async () => await grain.ValueTaskThrow("bad device"));

        Assert.Equal("email already taken", afterAwait.Message);
        Assert.Equal("no such contact", synchronous.Message);
        Assert.Equal("bad device", fromValueTask.Message);
    }

    [Fact]
    public async Task A_grain_exception_does_not_deactivate_the_grain()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grain<IThrowingGrain>("survivor");

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowSynchronously("x"));

        Assert.Equal(2, await grain.CallCount());
    }

    [Fact]
    public async Task Value_task_methods_return_their_result()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.Equal(42, await silo.Grain<IThrowingGrain>("vt").ValueTaskAnswer(21));
    }

    [Fact]
    public async Task Getting_a_reference_does_not_activate_the_grain()
    {
        await using var silo = await TestSilo.StartAsync();

        var reference = silo.Grain<ICounterGrain>("not-yet");

        Assert.Equal(0, silo.Catalog.Count);
        Assert.Equal("GrainReference:counter/not-yet", reference.ToString());
    }
}
