using Actors.Grains.Persistence;
using Actors.Interfaces.Imports;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Imports;

internal sealed class ImportDirectoryState
{
    public List<string> Imports { get; set; } = [];
    public HashSet<string> Unfinished { get; set; } = [];
}

/// <summary>
/// The list of imports. A job enrols here before it stores itself, so a crash between the two leaves an entry without
/// a job (listing and resuming skip it), never a running job that nothing resumes after a restart.
/// </summary>
internal sealed class ImportDirectoryGrain([PersistentState("imports")] IPersistentState<ImportDirectoryState> directory)
    : Grain, IImportDirectoryGrain
{
    public async Task Add(string importId)
    {
        if (directory.State.Imports.Contains(importId))
            return;
        directory.State.Imports.Add(importId);
        directory.State.Unfinished.Add(importId);
        await directory.WriteOrReloadAsync();
    }

    public async Task Finished(string importId)
    {
        if (directory.State.Unfinished.Remove(importId))
            await directory.WriteOrReloadAsync();
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>(Enumerable.Reverse(directory.State.Imports).ToArray());

    public Task<IReadOnlyList<string>> Unfinished() =>
        Task.FromResult<IReadOnlyList<string>>(directory.State.Imports.Where(directory.State.Unfinished.Contains).ToArray());
}
