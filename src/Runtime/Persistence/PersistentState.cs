namespace Actors.Runtime.Persistence;

/// <summary>Something the activation loads before OnActivateAsync.</summary>
internal interface IStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}

/// <summary>The <see cref="IPersistentState{TState}"/> handed to a grain: one named record in one storage provider.</summary>
internal sealed class PersistentState<TState>(string stateName, GrainId grainId, IGrainStorage storage)
    : IPersistentState<TState>, IStateLoader where TState : new()
{
    private readonly GrainState<TState> _record = new();

    public TState State
    {
        get => _record.State;
        set => _record.State = value;
    }

    public string? Etag => _record.ETag;
    public bool RecordExists => _record.RecordExists;

    public Task ReadStateAsync(CancellationToken cancellationToken = default)
        => storage.ReadStateAsync(stateName, grainId, _record, cancellationToken);

    public Task WriteStateAsync(CancellationToken cancellationToken = default)
        => storage.WriteStateAsync(stateName, grainId, _record, cancellationToken);

    public Task ClearStateAsync(CancellationToken cancellationToken = default)
        => storage.ClearStateAsync(stateName, grainId, _record, cancellationToken);
}
