namespace Actors.Runtime.Persistence;

/// <summary>
/// A write or clear carried an ETag that no longer matches the stored record. When it escapes a
/// grain call, the runtime deactivates that activation so the next call reloads the state.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message, string? storedEtag, string? currentEtag)
        : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The ETag in the store, when the provider knows it.</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag the caller held.</summary>
    public string? CurrentEtag { get; }
}
