using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Persistence;

/// <summary>
/// The behaviour every grain storage provider must share (after Orleans's GrainStorageTestRunner).
/// A subclass supplies an empty store; each test starts the provider through <see cref="StorageServiceCollectionExtensions.AddGrainStorage"/>.
/// </summary>
public abstract partial class GrainStorageConformance : IAsyncLifetime
{
    const string StateName = "profile";

    readonly List<ServiceProvider> hosts = [];
    IReadOnlyDictionary<string, string?> settings = new Dictionary<string, string?>();

    protected IGrainStorage Storage { get; private set; } = null!;

    /// <summary>Creates an empty store and returns the "Storage" settings that reach it; may be called more than once per test.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string?>> CreateStoreAsync();

    /// <summary>Deletes every store this test created.</summary>
    protected virtual Task DeleteStoresAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await UseNewStoreAsync();
        Storage = (await StartHostAsync()).GetRequiredService<IGrainStorage>();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
            await host.DisposeAsync();
        await DeleteStoresAsync();
    }

    /// <summary>Points hosts started from now on at a new, empty store.</summary>
    protected async Task UseNewStoreAsync() => settings = await CreateStoreAsync();

    /// <summary>Starts another provider instance on the same store, as a second process would.</summary>
    protected async Task<ServiceProvider> StartHostAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"{StorageOptions.SectionName}:{s.Key}", s.Value)))
            .Build();
        var host = new ServiceCollection().AddGrainStorage(configuration.GetSection(StorageOptions.SectionName)).BuildServiceProvider();
        lock (hosts)
            hosts.Add(host);
        await host.GetRequiredService<IStorageLifecycle>().InitializeAsync(CancellationToken.None);
        return host;
    }

    protected static GrainId NewGrain() => new("testgrain", Guid.NewGuid().ToString());

    protected Task<GrainState<TestState>> ReadAsync(GrainId grain) => ReadAsync(grain, StateName);

    protected async Task<GrainState<TestState>> ReadAsync(GrainId grain, string stateName)
    {
        var state = new GrainState<TestState>();
        await Storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    protected Task WriteAsync(GrainId grain, GrainState<TestState> state) => Storage.WriteStateAsync(StateName, grain, state);

    protected Task ClearAsync(GrainId grain, GrainState<TestState> state) => Storage.ClearStateAsync(StateName, grain, state);

    protected static GrainState<TestState> Copy(GrainState<TestState> state, string name) =>
        new() { State = TestState.Sample(name), ETag = state.ETag, RecordExists = state.RecordExists };

    protected static void AssertSameState(TestState expected, TestState actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Scores, actual.Scores);
        Assert.Equal(expected.LastSeen, actual.LastSeen);
        Assert.Equal(expected.LastSeen?.Offset, actual.LastSeen?.Offset);
        Assert.Equal(expected.Home, actual.Home);
    }
}
