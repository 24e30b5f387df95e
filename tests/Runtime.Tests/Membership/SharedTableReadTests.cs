using Actors.Runtime.MembershipService;

namespace Actors.Runtime.Tests.Membership;

/// <summary>Re-reads of the membership table asked for at once share one read, and none is answered by a read that began before it asked.</summary>
public sealed class SharedTableReadTests
{
    [Fact]
    public async Task Callers_that_ask_while_a_read_runs_share_the_next_read_which_starts_after_they_asked()
    {
        var reads = new List<TaskCompletionSource>();
        var readStarted = new SemaphoreSlim(0);
        var shared = new SharedTableRead(() =>
        {
            var read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (reads)
                reads.Add(read);
            readStarted.Release();
            return read.Task;
        });

        var first = shared.RefreshAsync();
        await readStarted.WaitAsync();
        var second = shared.RefreshAsync();
        var third = shared.RefreshAsync();
        reads[0].SetResult();
        await first;
        await readStarted.WaitAsync();

        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);
        reads[1].SetResult();
        await Task.WhenAll(second, third);
        Assert.Equal(2, reads.Count);
    }

    [Fact]
    public async Task A_failed_read_fails_the_callers_that_waited_for_it_and_the_next_caller_reads_again()
    {
        var attempts = 0;
        var shared = new SharedTableRead(() => ++attempts == 1 ? Task.FromException(new IOException("table down")) : Task.CompletedTask);

        await Assert.ThrowsAsync<IOException>(shared.RefreshAsync);
        await shared.RefreshAsync();

        Assert.Equal(2, attempts);
    }
}
