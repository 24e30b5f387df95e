using Actors.Runtime;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Infrastructure;

/// <summary>
/// Fails the next write of one state (<see cref="FailNext"/>) before it reaches the store, as a lost connection would:
/// the grain sees an error other than an ETag conflict, so its activation stays and reloads what is stored.
/// </summary>
internal sealed class FailingWrites
{
    private string? _failing;

    public void FailNext(string stateName) => Volatile.Write(ref _failing, stateName);

    /// <summary>Puts this in front of the silo's default grain storage.</summary>
    public void Install(IServiceCollection services)
    {
        var stored = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, GrainStorageNames.Default));
        services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default,
            (provider, key) => new Failing((IGrainStorage)stored.KeyedImplementationFactory!(provider, key), this));
    }

    private bool Fails(string stateName)
    {
        var failing = Volatile.Read(ref _failing);
        return failing == stateName && ReferenceEquals(Interlocked.CompareExchange(ref _failing, null, failing), failing);
    }

    private sealed class Failing(IGrainStorage storage, FailingWrites writes) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
            where T : new() => storage.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
            where T : new() => writes.Fails(stateName)
                ? Task.FromException(new IOException("The connection to the store was lost before this write landed."))
                : storage.WriteStateAsync(stateName, grainId, grainState, cancellationToken);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
            where T : new() => storage.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
    }
}
