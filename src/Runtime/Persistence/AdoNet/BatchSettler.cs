namespace Actors.Runtime.Persistence.AdoNet;

/// <summary>
/// Settles the callers of a committed batch on one pool task, off the writer loop: the loop starts its next transaction
/// at once, and no caller's continuation costs a pool hop of its own (a grain's is queued to its activation from there).
/// One per writer loop; the loop awaits <see cref="Settled"/> before it ends, so every caller has its answer once the
/// writer has stopped.
/// </summary>
public sealed class BatchSettler
{
    private Task _settling = Task.CompletedTask;

    /// <summary>Completes once every batch handed to <see cref="Settle{T}"/> so far is settled.</summary>
    public Task Settled => _settling;

    /// <summary>Runs <paramref name="settle"/> for each caller, with its position in the batch, on one pool task.</summary>
    public void Settle<T>(T[] callers, Action<T, int> settle)
    {
        var settled = Task.Run(() =>
        {
            for (var i = 0; i < callers.Length; i++)
                settle(callers[i], i);
        });
        _settling = _settling.IsCompleted ? settled : Task.WhenAll(_settling, settled);
    }
}
