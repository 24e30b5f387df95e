using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Imports;

/// <summary>Every import, in the order they were made, and which ones have not finished; one grain, keyed <see cref="Key"/>.</summary>
public interface IImportDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "contacts";

    /// <summary>Records a new import as unfinished (idempotent).</summary>
    Task Add(string importId);

    /// <summary>Marks the import finished (imported, failed or stopped).</summary>
    Task Finished(string importId);

    /// <summary>Import ids, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> List();

    [ReadOnly]
    Task<IReadOnlyList<string>> Unfinished();
}
