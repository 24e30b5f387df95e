namespace Actors.Runtime.Persistence.Memory;

/// <summary>
/// Keeps records in process memory, for tests and single-node demos; everything is lost on restart.
/// Records hold serialized payloads, so mutating a grain's State after a write cannot change what is stored.
/// </summary>
public sealed class MemoryGrainStorage() : GrainStorage("Memory")
{
    readonly Dictionary<StateKey, StoredState> records = [];

    public override Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task CheckHealthAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Task<StoredState?> LoadAsync(StateKey key, CancellationToken cancellationToken)
    {
        lock (records)
            return Task.FromResult(records.GetValueOrDefault(key));
    }

    protected override Task<int?> TryStoreAsync(StateKey key, byte[]? payload, int? expectedVersion, CancellationToken cancellationToken)
    {
        lock (records)
        {
            var current = records.GetValueOrDefault(key);
            if (current?.Version != expectedVersion)
                return Task.FromResult<int?>(null);
            var version = (expectedVersion ?? 0) + 1;
            records[key] = new StoredState(payload, version);
            return Task.FromResult<int?>(version);
        }
    }
}
