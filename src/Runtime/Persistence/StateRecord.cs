namespace Actors.Runtime.Persistence;

/// <summary>Identifies one stored record: a grain may keep several independent states under different names.</summary>
public readonly record struct StateKey(string GrainType, string GrainKey, string StateName)
{
    public StateKey(GrainId grainId, string stateName) : this(grainId.Type, grainId.Key, stateName)
    {
    }

    public override string ToString() => $"state '{StateName}' of {GrainType}/{GrainKey}";
}

/// <summary>A stored record as a provider holds it. A cleared record keeps its version and has no payload.</summary>
public sealed record StoredState(byte[]? Payload, int Version);
