namespace Actors.Runtime.Persistence;

public static class GrainStorageNames
{
    /// <summary>The keyed-service name of the storage provider used when [PersistentState] names none.</summary>
    public const string Default = "Default";
}
