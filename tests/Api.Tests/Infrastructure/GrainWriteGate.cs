using Actors.Grains.Storage.Contacts;
using Actors.Runtime;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>
/// Holds the next write of one grain's state (<see cref="Hold"/>) until the test lets it go. The grain stays in the turn
/// that writes, as it would on a slow store: its other calls wait, and so does the caller that is waiting on that turn,
/// which is how a test stops one request at a known step while others run.
/// </summary>
internal sealed class GrainWriteGate
{
    private static readonly TimeSpan HeldAtMost = TimeSpan.FromMinutes(1);

    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _held;

    /// <summary>Completes when the held write has begun.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Holds the next write of the state <paramref name="stateName"/> of the grain keyed <paramref name="key"/>.</summary>
    public void Hold(string stateName, string key) => Volatile.Write(ref _held, $"{stateName}/{key}");

    public void Release() => _released.TrySetResult();

    /// <summary>Fails the held write, as a process killed while writing leaves it: it never lands.</summary>
    public void Abandon() => _released.TrySetException(new IOException("The process died before this write landed."));

    /// <summary>Puts the gate in front of the default grain storage and the contacts table.</summary>
    public void Install(IServiceCollection services)
    {
        foreach (var name in new[] { GrainStorageNames.Default, ContactTableStorage.StorageName })
        {
            var stored = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
            services.AddKeyedSingleton<IGrainStorage>(name, (provider, key) => new Gated((IGrainStorage)stored.KeyedImplementationFactory!(provider, key), this));
        }
    }

    private async Task Pass(string stateName, GrainId grainId)
    {
        var held = Volatile.Read(ref _held);
        if (held != $"{stateName}/{grainId.Key}" || Interlocked.CompareExchange(ref _held, null, held) != held)
            return;
        _reached.TrySetResult();
        await _released.Task.WaitAsync(HeldAtMost);
    }

    private sealed class Gated(IGrainStorage storage, GrainWriteGate gate) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
            where T : new() => storage.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
            where T : new()
        {
            await gate.Pass(stateName, grainId);
            await storage.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
            where T : new() => storage.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
    }
}
