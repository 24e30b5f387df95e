namespace Actors.Runtime.Persistence;

/// <summary>
/// A grain's persistent state, injected into the grain's constructor by marking the parameter with
/// <see cref="PersistentStateAttribute"/>. It is loaded before OnActivateAsync; writes are explicit.
/// </summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }
    string? Etag { get; }
    bool RecordExists { get; }
    Task ReadStateAsync(CancellationToken cancellationToken = default);
    Task WriteStateAsync(CancellationToken cancellationToken = default);
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>Marks a constructor parameter of type IPersistentState&lt;T&gt;: the state's name and the storage provider that keeps it.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;

    /// <summary>The named storage provider; null means the default provider.</summary>
    public string? StorageName { get; } = storageName;
}
