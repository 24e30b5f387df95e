using Actors.Runtime.Persistence;

namespace Actors.Runtime.Tests.Persistence;

public abstract partial class GrainStorageConformance
{
    [Fact]
    public async Task Clearing_resets_the_state_and_reading_afterwards_gives_the_clears_etag()
    {
        var grain = NewGrain();
        var state = new GrainState<TestState> { State = TestState.Sample("ada") };
        await WriteAsync(grain, state);
        var writtenETag = state.ETag;

        await ClearAsync(grain, state);
        var read = await ReadAsync(grain);

        Assert.False(state.RecordExists);
        Assert.Equal("", state.State.Name);
        Assert.NotEqual(writtenETag, state.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal("", read.State.Name);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task After_a_clear_only_a_write_carrying_the_clears_etag_succeeds()
    {
        var grain = NewGrain();
        var state = new GrainState<TestState> { State = TestState.Sample("ada") };
        await WriteAsync(grain, state);
        var beforeClear = Copy(state, "before clear");
        await ClearAsync(grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, beforeClear));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, new GrainState<TestState>()));
        var afterClear = await ReadAsync(grain);
        afterClear.State = TestState.Sample("reborn");
        await WriteAsync(grain, afterClear);

        var read = await ReadAsync(grain);
        Assert.True(read.RecordExists);
        AssertSameState(TestState.Sample("reborn"), read.State);
    }

    [Fact]
    public async Task Clearing_a_record_never_written_keeps_it_empty_with_an_etag()
    {
        var grain = NewGrain();
        var state = await ReadAsync(grain);

        await ClearAsync(grain, state);
        var read = await ReadAsync(grain);

        Assert.False(read.RecordExists);
        Assert.NotNull(state.ETag);
        Assert.Equal(state.ETag, read.ETag);
    }
}
