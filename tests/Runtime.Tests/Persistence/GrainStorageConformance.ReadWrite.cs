using Actors.Runtime.Persistence;

namespace Actors.Runtime.Tests.Persistence;

public abstract partial class GrainStorageConformance
{
    [Fact]
    public async Task Reading_a_record_never_written_gives_a_fresh_state_and_no_etag()
    {
        var state = await ReadAsync(NewGrain());

        Assert.NotNull(state.State);
        Assert.Equal("", state.State.Name);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_its_etag()
    {
        var grain = NewGrain();
        var written = new GrainState<TestState> { State = TestState.Sample("ada") };

        await WriteAsync(grain, written);
        var read = await ReadAsync(grain);

        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        AssertSameState(written.State, read.State);
    }

    [Fact]
    public async Task Changing_the_state_object_after_a_write_does_not_change_the_stored_record()
    {
        var grain = NewGrain();
        var written = new GrainState<TestState> { State = TestState.Sample("ada") };
        await WriteAsync(grain, written);

        written.State.Tags.Add("mutated");
        written.State.Count++;
        var read = await ReadAsync(grain);

        AssertSameState(TestState.Sample("ada"), read.State);
    }

    [Fact]
    public async Task The_etag_changes_on_every_write_and_on_clear()
    {
        var grain = NewGrain();
        var state = new GrainState<TestState> { State = TestState.Sample("ada") };
        var etags = new List<string?>();

        for (var i = 0; i < 3; i++)
        {
            await WriteAsync(grain, state);
            etags.Add(state.ETag);
        }
        await ClearAsync(grain, state);
        etags.Add(state.ETag);
        await WriteAsync(grain, state);
        etags.Add(state.ETag);

        Assert.All(etags, Assert.NotNull);
        Assert.Equal(etags.Count, etags.Distinct().Count());
    }

    [Fact]
    public async Task State_names_and_grain_ids_are_independent_records()
    {
        var grain = NewGrain();
        var other = grain with { Key = grain.Key + "-other" };
        var otherType = grain with { Type = "othergrain" };
        await WriteAsync(grain, new GrainState<TestState> { State = TestState.Sample("profile") });
        var settings = new GrainState<TestState> { State = TestState.Sample("settings") };
        await Storage.WriteStateAsync("settings", grain, settings);

        Assert.Equal(TestState.Sample("profile").Name, (await ReadAsync(grain)).State.Name);
        Assert.Equal(TestState.Sample("settings").Name, (await ReadAsync(grain, "settings")).State.Name);
        Assert.False((await ReadAsync(other)).RecordExists);
        Assert.False((await ReadAsync(otherType)).RecordExists);
        await WriteAsync(other, new GrainState<TestState>());
        await Storage.ClearStateAsync("settings", grain, settings);
        Assert.True((await ReadAsync(grain)).RecordExists);
    }

    [Fact]
    public async Task A_write_with_an_etag_this_provider_never_issued_fails()
    {
        var grain = NewGrain();
        await WriteAsync(grain, new GrainState<TestState>());

        var forged = new GrainState<TestState> { ETag = "W/\"not-a-version\"" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, forged));
    }
}
