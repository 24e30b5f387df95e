using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Imports;

/// <summary>
/// One import, keyed by its id. It works through its stored file in batches in the background, checkpointing after
/// each one; an activation of an unfinished import carries on from its checkpoint, so a crash costs at most the
/// batch in flight, which is then replayed without counting or applying a row twice.
/// </summary>
public interface IImportJobGrain : IGrainWithStringKey
{
    /// <summary>Queues the import (idempotent for the same id) and starts it; answers its status.</summary>
    Task<ImportStatus> Start(ImportSpec spec);

    /// <summary>The status, or null when no import has this id.</summary>
    [ReadOnly]
    Task<ImportStatus?> Status();

    /// <summary>Stops a queued or running import after the batch in flight; a finished one is left as it is.</summary>
    Task<ImportStatus?> Stop();

    /// <summary>Activates the import so an unfinished one continues; answers whether it is still running.</summary>
    Task<bool> Resume();
}
