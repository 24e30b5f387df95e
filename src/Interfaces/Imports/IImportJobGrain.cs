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

    /// <summary>
    /// The status as last stored (a running batch's rows count once it is checkpointed), or null when no import has this
    /// id. It interleaves with the running batch, so it answers at once however long a batch takes.
    /// </summary>
    [AlwaysInterleave]
    Task<ImportStatus?> Status();

    /// <summary>
    /// Stops a queued or running import: the running batch starts no further row, and once its rows in flight have
    /// finished the import is stored stopped with them counted; answers that status. A finished one is left as it is.
    /// It interleaves with the running batch, so it waits for the rows in flight, not for the batch.
    /// </summary>
    [AlwaysInterleave]
    Task<ImportStatus?> Stop();

    /// <summary>
    /// Activates the import so an unfinished one continues; answers whether it is still running, as last stored. It
    /// interleaves with the running batch, so the start-up resume service never waits behind one.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> Resume();
}
