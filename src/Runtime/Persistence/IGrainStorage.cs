namespace Actors.Runtime.Persistence;

/// <summary>
/// A grain storage provider. Records are keyed by (grain id, state name); each record carries an
/// ETag that changes on every write and clear. A write or clear whose ETag does not match the stored
/// one (including a write without ETag when a record exists) throws <see cref="InconsistentStateException"/>,
/// which is how a stale duplicate activation loses.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Loads the record into <paramref name="grainState"/>; a missing record leaves a fresh state, a null ETag and RecordExists false.</summary>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) where T : new();

    /// <summary>Stores the state if the ETag still matches, then sets the new ETag and RecordExists.</summary>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) where T : new();

    /// <summary>Clears the record if the ETag still matches; the ETag changes and RecordExists becomes false.</summary>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) where T : new();
}

/// <summary>The part of a storage provider the host uses: schema creation at start-up and readiness checks.</summary>
public interface IStorageLifecycle
{
    /// <summary>Creates or migrates the schema. Runs once at start-up, before any grain is activated.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Throws when the store cannot be reached.</summary>
    Task CheckHealthAsync(CancellationToken cancellationToken);
}
