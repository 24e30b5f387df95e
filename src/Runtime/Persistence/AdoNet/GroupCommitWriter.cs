using System.Data.Common;
using System.Threading.Channels;

namespace Actors.Runtime.Persistence.AdoNet;

/// <summary>
/// Group commit for grain state writes. Every write still has its own compare-and-set statement and its
/// own answer, but the writes that arrive while a commit is under way share the next transaction, so one
/// durable commit (one fsync) serves many grains. A caller's task completes only after the transaction
/// holding its write has committed; if the transaction fails, every write in it fails.
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>Most writes in one transaction; bounds the time a transaction holds its locks.</summary>
    public const int MaxBatchSize = 256;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private readonly Func<Func<Task>, Task> _exclusive;
    private readonly Task[] _loops;

    /// <param name="open">Opens a pooled connection.</param>
    /// <param name="writers">Transactions committing at once: one for SQLite (a single writer), a few for PostgreSQL.</param>
    /// <param name="exclusive">Wraps each transaction, for example in the SQLite file's writer lock.</param>
    public GroupCommitWriter(Func<CancellationToken, Task<DbConnection>> open, int writers, Func<Func<Task>, Task>? exclusive = null)
    {
        _open = open;
        _exclusive = exclusive ?? (work => work());
        _loops = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>Queues one write; completes with the statement's result once its transaction has committed.</summary>
    public Task<T> EnqueueAsync<T>(Func<DbConnection, DbTransaction, Task<T>> statement)
    {
        var write = new PendingWrite<T>(statement);
        if (!_queue.Writer.TryWrite(write))
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "Grain storage is shutting down.");
        return write.Result;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var write))
                batch.Add(write);
            if (batch.Count == 0)
                continue;
            try
            {
                await _exclusive(() => CommitAsync(batch));
                foreach (var write in batch)
                    write.Publish();
            }
            catch (Exception failure)
            {
                foreach (var write in batch)
                    write.Fail(failure);
            }
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        await using var connection = await _open(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var write in batch)
            await write.ExecuteAsync(connection, transaction);
        await transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private abstract class PendingWrite
    {
        public abstract Task ExecuteAsync(DbConnection connection, DbTransaction transaction);

        /// <summary>Hands the statement's result to the caller, now that it is durable.</summary>
        public abstract void Publish();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, Task<T>> statement) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _value = default!;

        public Task<T> Result => _result.Task;

        public override async Task ExecuteAsync(DbConnection connection, DbTransaction transaction) => _value = await statement(connection, transaction);

        public override void Publish() => _result.TrySetResult(_value);

        public override void Fail(Exception exception) => _result.TrySetException(exception);
    }
}
