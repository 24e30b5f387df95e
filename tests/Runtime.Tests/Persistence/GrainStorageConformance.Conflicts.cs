using Actors.Runtime.Persistence;

namespace Actors.Runtime.Tests.Persistence;

public abstract partial class GrainStorageConformance
{
    [Fact]
    public async Task Of_two_first_writes_without_etag_exactly_one_succeeds()
    {
        var grain = NewGrain();
        var first = new GrainState<TestState> { State = TestState.Sample("first") };
        var second = new GrainState<TestState> { State = TestState.Sample("second") };

        var outcomes = await Outcomes(WriteAsync(grain, first), WriteAsync(grain, second));

        Assert.Equal(1, outcomes.Succeeded);
        Assert.Equal(1, outcomes.Conflicts);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_leaves_the_record_alone()
    {
        var grain = NewGrain();
        var (current, stale) = await WriteTwiceKeepingStaleCopyAsync(grain);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, stale));

        Assert.Equal(stale.ETag, error.CurrentEtag);
        var read = await ReadAsync(grain);
        Assert.Equal(current.ETag, read.ETag);
        AssertSameState(TestState.Sample("v2"), read.State);
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_fails_and_leaves_the_record_alone()
    {
        var grain = NewGrain();
        var (current, stale) = await WriteTwiceKeepingStaleCopyAsync(grain);

        await Assert.ThrowsAsync<InconsistentStateException>(() => ClearAsync(grain, stale));

        var read = await ReadAsync(grain);
        Assert.True(read.RecordExists);
        Assert.Equal(current.ETag, read.ETag);
    }

    [Fact]
    public async Task Of_ten_parallel_writers_holding_the_same_etag_exactly_one_wins()
    {
        var grain = NewGrain();
        await WriteAsync(grain, new GrainState<TestState> { State = TestState.Sample("initial") });
        var read = await ReadAsync(grain);
        var writers = Enumerable.Range(0, 10).Select(i => Copy(read, $"writer {i}")).ToList();

        var outcomes = await Outcomes([.. writers.Select(w => Task.Run(() => WriteAsync(grain, w)))]);

        Assert.Equal(1, outcomes.Succeeded);
        Assert.Equal(9, outcomes.Conflicts);
        var winner = Assert.Single(writers, w => w.ETag != read.ETag);
        Assert.Equal(winner.State.Name, (await ReadAsync(grain)).State.Name);
    }

    [Fact]
    public async Task Many_grains_written_from_many_threads_all_succeed()
    {
        var grains = Enumerable.Range(0, 64).Select(_ => NewGrain()).ToList();

        await Parallel.ForEachAsync(grains, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (grain, _) =>
        {
            var state = new GrainState<TestState> { State = TestState.Sample(grain.Key) };
            for (var i = 0; i < 5; i++)
                await WriteAsync(grain, state);
        });

        foreach (var grain in grains)
            Assert.Equal("5", (await ReadAsync(grain)).ETag);
    }

    /// <summary>Writes "v1" then "v2"; the stale copy still holds the ETag of "v1".</summary>
    async Task<(GrainState<TestState> Current, GrainState<TestState> Stale)> WriteTwiceKeepingStaleCopyAsync(GrainId grain)
    {
        var current = new GrainState<TestState> { State = TestState.Sample("v1") };
        await WriteAsync(grain, current);
        var stale = Copy(current, "stale");
        current.State = TestState.Sample("v2");
        await WriteAsync(grain, current);
        return (current, stale);
    }

    static async Task<(int Succeeded, int Conflicts)> Outcomes(params Task[] writes)
    {
        var conflicts = 0;
        foreach (var write in writes)
        {
            try
            {
                await write;
            }
            catch (InconsistentStateException)
            {
                conflicts++;
            }
        }
        return (writes.Length - conflicts, conflicts);
    }
}
