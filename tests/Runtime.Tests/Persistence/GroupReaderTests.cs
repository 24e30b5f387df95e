using Actors.Runtime.Persistence.AdoNet;

namespace Actors.Runtime.Tests.Persistence;

public sealed class GroupReaderTests
{
    /// <summary>A store whose queries wait until the test lets each one go, recording the keys each one asked for.</summary>
    private sealed class HeldStore(IReadOnlyDictionary<string, string> records)
    {
        private readonly Lock _gate = new();
        private readonly List<(string[] Keys, TaskCompletionSource Release)> _queries = [];

        public IReadOnlyList<string[]> Queries
        {
            get
            {
                lock (_gate)
                    return _queries.Select(q => q.Keys).ToArray();
            }
        }

        public async Task<IReadOnlyDictionary<string, string>> ReadManyAsync(IReadOnlyList<string> keys)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
                _queries.Add((keys.ToArray(), release));
            await release.Task;
            if (keys.Contains("broken"))
                throw new InvalidOperationException("The query failed.");
            return keys.Where(records.ContainsKey).ToDictionary(k => k, k => records[k]);
        }

        public async Task ReleaseAsync(int query)
        {
            while (Queries.Count <= query)
                await Task.Delay(5);
            lock (_gate)
                _queries[query].Release.SetResult();
        }
    }

    [Fact]
    public async Task Reads_asked_while_a_query_runs_share_the_next_query_and_each_gets_its_own_record()
    {
        var store = new HeldStore(new Dictionary<string, string> { ["a"] = "A", ["b"] = "B", ["c"] = "C" });
        var reader = new GroupReader<string, string>(store.ReadManyAsync, readers: 1);

        var first = reader.ReadAsync("a", CancellationToken.None);
        while (store.Queries.Count == 0)
            await Task.Delay(5);
        var waiting = new[] { "b", "missing", "c", "b" }.Select(key => reader.ReadAsync(key, CancellationToken.None)).ToArray();
        await store.ReleaseAsync(0);
        await store.ReleaseAsync(1);

        Assert.Equal("A", await first);
        Assert.Equal(new[] { "B", null, "C", "B" }, await Task.WhenAll(waiting));
        Assert.Equal(new[] { new[] { "a" }, new[] { "b", "missing", "c" } }, store.Queries);
    }

    [Fact]
    public async Task A_read_asked_during_a_query_of_its_key_is_answered_by_a_later_query()
    {
        var store = new HeldStore(new Dictionary<string, string> { ["a"] = "A" });
        var reader = new GroupReader<string, string>(store.ReadManyAsync, readers: 1);

        var early = reader.ReadAsync("a", CancellationToken.None);
        while (store.Queries.Count == 0)
            await Task.Delay(5);
        // Whatever the running query sees may predate a write this reader completed before asking; only a later one may answer it.
        var late = reader.ReadAsync("a", CancellationToken.None);
        await store.ReleaseAsync(0);
        await early;
        await Task.Delay(20);

        Assert.False(late.IsCompleted);
        await store.ReleaseAsync(1);
        Assert.Equal("A", await late);
        Assert.Equal(2, store.Queries.Count);
    }

    [Fact]
    public async Task A_failed_query_fails_only_its_own_reads()
    {
        var store = new HeldStore(new Dictionary<string, string> { ["a"] = "A" });
        var reader = new GroupReader<string, string>(store.ReadManyAsync, readers: 1);

        var broken = reader.ReadAsync("broken", CancellationToken.None);
        await store.ReleaseAsync(0);
        await Assert.ThrowsAsync<InvalidOperationException>(() => broken);
        var after = reader.ReadAsync("a", CancellationToken.None);
        await store.ReleaseAsync(1);

        Assert.Equal("A", await after);
    }

    [Fact]
    public async Task A_cancelled_read_stops_waiting_without_failing_the_others_of_its_query()
    {
        var store = new HeldStore(new Dictionary<string, string> { ["a"] = "A" });
        var reader = new GroupReader<string, string>(store.ReadManyAsync, readers: 1);
        using var cancel = new CancellationTokenSource();
        var first = reader.ReadAsync("a", CancellationToken.None);
        while (store.Queries.Count == 0)
            await Task.Delay(5);

        // Both queue behind the running query, so they share the next one: asked before any query ran, the first could
        // start its query alone (as it did once on a busy machine) and the other would wait for a query never released.
        var cancelled = reader.ReadAsync("a", cancel.Token);
        var other = reader.ReadAsync("a", CancellationToken.None);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await store.ReleaseAsync(0);
        await store.ReleaseAsync(1);

        Assert.Equal("A", await first);
        Assert.Equal("A", await other);
        Assert.Equal(2, store.Queries.Count);
    }
}
