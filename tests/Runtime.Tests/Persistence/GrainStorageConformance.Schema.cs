using Actors.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Persistence;

public abstract partial class GrainStorageConformance
{
    [Fact]
    public async Task Initializing_again_keeps_the_schema_and_the_data()
    {
        var grain = NewGrain();
        var state = new GrainState<TestState> { State = TestState.Sample("ada") };
        await WriteAsync(grain, state);

        var again = await StartHostAsync();
        await again.GetRequiredService<IStorageLifecycle>().InitializeAsync(CancellationToken.None);
        await again.GetRequiredService<IStorageLifecycle>().CheckHealthAsync(CancellationToken.None);

        Assert.Equal(state.ETag, (await ReadAsync(grain)).ETag);
    }

    [Fact]
    public async Task Several_hosts_starting_together_on_an_empty_store_all_initialize()
    {
        await UseNewStoreAsync();

        var started = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(StartHostAsync)));

        foreach (var storage in started.Select(host => host.GetRequiredService<IGrainStorage>()))
        {
            var grain = NewGrain();
            await storage.WriteStateAsync("profile", grain, new GrainState<TestState>());
            var read = new GrainState<TestState>();
            await storage.ReadStateAsync("profile", grain, read);
            Assert.True(read.RecordExists);
        }
    }
}
