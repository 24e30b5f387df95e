namespace Actors.Runtime.Persistence.AdoNet;

/// <summary>
/// Group reads, the read side of <see cref="GroupCommitWriter"/>: single-record reads (an activation loading its state)
/// that arrive while other reads are under way share the next query, so a burst of activations (an import creating
/// hundreds of contacts and index entries at once) costs a few queries instead of one connection and round trip each.
/// A read is answered by a query that starts after it was asked, so it sees every write completed before it, exactly
/// as a query of its own would. With no other read waiting, a read is one query of one key, as before.
/// </summary>
/// <param name="readMany">Reads the stored records of distinct keys; a key without a record is left out.</param>
/// <param name="readers">Queries running at once; while they run, new reads queue for the next one.</param>
public sealed class GroupReader<TKey, TRecord>(Func<IReadOnlyList<TKey>, Task<IReadOnlyDictionary<TKey, TRecord>>> readMany, int readers = GroupReader<TKey, TRecord>.DefaultReaders)
    where TKey : notnull
    where TRecord : class
{
    /// <summary>Most keys in one query; bounds the query's parameters and the time its first reader waits.</summary>
    public const int MaxBatchSize = 256;

    /// <summary>Two queries at once: one can be on the wire while the next batch fills.</summary>
    public const int DefaultReaders = 2;

    private readonly Lock _gate = new();
    private readonly Queue<PendingRead> _pending = new();
    private int _running;

    /// <summary>The stored record of <paramref name="key"/>, or null when there is none.</summary>
    public Task<TRecord?> ReadAsync(TKey key, CancellationToken cancellationToken)
    {
        var read = new PendingRead(key);
        bool start;
        lock (_gate)
        {
            _pending.Enqueue(read);
            start = _running < readers;
            if (start)
                _running++;
        }
        if (start)
            _ = Task.Run(RunAsync, CancellationToken.None);
        return cancellationToken.CanBeCanceled ? read.Task.WaitAsync(cancellationToken) : read.Task;
    }

    /// <summary>Answers queued reads a batch at a time until none is left; never throws, each batch's failure goes to its readers.</summary>
    private async Task RunAsync()
    {
        var batch = new List<PendingRead>(MaxBatchSize);
        while (true)
        {
            lock (_gate)
            {
                while (batch.Count < MaxBatchSize && _pending.TryDequeue(out var read))
                    batch.Add(read);
                if (batch.Count == 0)
                {
                    _running--;
                    return;
                }
            }
            try
            {
                var found = await readMany(batch.Select(read => read.Key).Distinct().ToArray());
                foreach (var read in batch)
                    read.TrySetResult(found.GetValueOrDefault(read.Key));
            }
            catch (Exception failure)
            {
                foreach (var read in batch)
                    read.TrySetException(failure);
            }
            batch.Clear();
        }
    }

    /// <summary>One caller's key and answer; continuations run off the reading loop so no caller can hold up the next batch.</summary>
    private sealed class PendingRead(TKey key) : TaskCompletionSource<TRecord?>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public TKey Key { get; } = key;
    }
}
