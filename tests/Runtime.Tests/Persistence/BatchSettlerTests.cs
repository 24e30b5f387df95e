using Actors.Runtime.Persistence.AdoNet;

namespace Actors.Runtime.Tests.Persistence;

public sealed class BatchSettlerTests
{
    [Fact]
    public async Task Every_caller_of_every_batch_is_settled_with_its_position_once_Settled_completes()
    {
        var settler = new BatchSettler();
        var first = new[] { new TaskCompletionSource<int>(), new TaskCompletionSource<int>() };
        var second = new[] { new TaskCompletionSource<int>() };

        settler.Settle(first, (caller, position) => caller.SetResult(position));
        settler.Settle(second, (caller, position) => caller.SetResult(10 + position));
        await settler.Settled;

        Assert.Equal([0, 1, 10], first.Concat(second).Select(caller => caller.Task.Result));
    }

    [Fact]
    public async Task Callers_are_settled_off_the_thread_that_hands_them_over()
    {
        var settler = new BatchSettler();
        var caller = new TaskCompletionSource<int>();
        var handingThread = Environment.CurrentManagedThreadId;
        var settlingThread = 0;

        // A settle that blocks must not block the hand-over: the writer loop goes on to its next transaction.
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        settler.Settle([caller], (c, _) =>
        {
            settlingThread = Environment.CurrentManagedThreadId;
            started.Set();
            release.Wait();
            c.SetResult(1);
        });
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));
        Assert.False(caller.Task.IsCompleted);
        release.Set();
        await settler.Settled;

        Assert.Equal(1, await caller.Task);
        Assert.NotEqual(handingThread, settlingThread);
    }
}
