namespace Actors.Runtime.Persistence;

/// <summary>The state record a storage provider reads and writes.</summary>
public interface IGrainState<T>
{
    T State { get; set; }
    string? ETag { get; set; }
    bool RecordExists { get; set; }
}

public sealed class GrainState<T> : IGrainState<T> where T : new()
{
    public T State { get; set; } = new();
    public string? ETag { get; set; }
    public bool RecordExists { get; set; }
}
