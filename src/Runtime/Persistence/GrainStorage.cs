using System.Diagnostics;
using System.Globalization;
using Actors.Runtime.Diagnostics;

namespace Actors.Runtime.Persistence;

/// <summary>
/// The optimistic-concurrency protocol every provider shares, as in Orleans's ADO.NET storage.
/// Each record carries an integer version, exposed as the ETag. A write or clear without ETag may
/// only create the record (version 1); one with an ETag may only replace the record holding exactly
/// that version, and bumps it. Anything else stores nothing and throws
/// <see cref="InconsistentStateException"/>, which is how a stale duplicate activation loses.
/// A clear keeps the row with no payload so its version keeps counting: a later write must carry the
/// ETag the clear returned, and a writer that read before the clear cannot overwrite it.
/// Providers only implement the compare-and-set of one record; this class owns ETags, payloads and metrics.
/// </summary>
public abstract class GrainStorage(string providerName) : IGrainStorage, IStorageLifecycle
{
    public string ProviderName { get; } = providerName;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
        where T : new()
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var record = await LoadAsync(new StateKey(grainId, stateName), cancellationToken);
            grainState.State = record?.Payload is { } payload ? GrainStateSerializer.Deserialize<T>(payload) : new T();
            grainState.ETag = record is null ? null : VersionETag.Format(record.Version);
            grainState.RecordExists = record?.Payload is not null;
        }
        finally
        {
            RuntimeInstruments.RecordStorageOperation(ProviderName, "read", start);
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
        where T : new() =>
        StoreAsync(new StateKey(grainId, stateName), grainState, GrainStateSerializer.Serialize(grainState.State), "write", cancellationToken);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
        where T : new()
    {
        await StoreAsync(new StateKey(grainId, stateName), grainState, payload: null, "clear", cancellationToken);
        grainState.State = new T();
    }

    public abstract Task InitializeAsync(CancellationToken cancellationToken);

    public abstract Task CheckHealthAsync(CancellationToken cancellationToken);

    /// <summary>The record, or null when none was ever written.</summary>
    protected abstract Task<StoredState?> LoadAsync(StateKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically stores <paramref name="payload"/> (null = cleared) if the record's version equals
    /// <paramref name="expectedVersion"/> (null = no record may exist). Returns the new version, or null when the check failed.
    /// </summary>
    protected abstract Task<int?> TryStoreAsync(StateKey key, byte[]? payload, int? expectedVersion, CancellationToken cancellationToken);

    async Task StoreAsync<T>(StateKey key, IGrainState<T> grainState, byte[]? payload, string operation, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var version = VersionETag.TryParse(grainState.ETag, out var expected)
                ? await TryStoreAsync(key, payload, expected, cancellationToken)
                : null;
            if (version is null)
                throw VersionETag.Conflict(key.ToString(), grainState.ETag, operation);
            grainState.ETag = VersionETag.Format(version.Value);
            grainState.RecordExists = payload is not null;
        }
        finally
        {
            RuntimeInstruments.RecordStorageOperation(ProviderName, operation, start);
        }
    }
}
