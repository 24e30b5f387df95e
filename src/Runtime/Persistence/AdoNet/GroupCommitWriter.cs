using System.Data.Common;
using System.Threading.Channels;

namespace Actors.Runtime.Persistence.AdoNet;

/// <summary>
/// Group commit for small writes (grain state, contact rows). Every write keeps its own statement and its own
/// answer, but the writes that arrive while a commit is under way share the next transaction, so one durable
/// commit (one fsync) serves many grains. Where the provider supports command batches (PostgreSQL), a
/// transaction's statements travel in one round trip. A caller's task completes only after the transaction
/// holding its write has committed; if the transaction fails, every write in it fails.
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>Most writes in one transaction; bounds the time a transaction holds its locks.</summary>
    public const int MaxBatchSize = 256;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>();
    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private readonly Func<Func<Task>, Task> _exclusive;
    private readonly Task[] _loops;
    private long _committedTransactions;

    /// <param name="open">Opens a pooled connection.</param>
    /// <param name="writers">Transactions committing at once: one for SQLite (a single writer), a few for PostgreSQL.</param>
    /// <param name="exclusive">Wraps each transaction, for example in the SQLite file's writer lock.</param>
    public GroupCommitWriter(Func<CancellationToken, Task<DbConnection>> open, int writers, Func<Func<Task>, Task>? exclusive = null)
    {
        _open = open;
        _exclusive = exclusive ?? (work => work());
        _loops = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>Transactions committed since start (benchmarks divide their writes by it).</summary>
    public long CommittedTransactions => Interlocked.Read(ref _committedTransactions);

    /// <summary>Queues one statement; completes with its answer once its transaction has committed.</summary>
    public Task<object?> EnqueueAsync(WriteStatement statement)
    {
        var write = new PendingWrite(statement);
        if (!_queue.Writer.TryWrite(write))
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "Storage is shutting down.");
        return write.Result;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatchSize);
        var settler = new BatchSettler();
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var write))
                batch.Add(write);
            if (batch.Count == 0)
                continue;
            var answers = new object?[batch.Count];
            Exception? failure = null;
            try
            {
                await _exclusive(() => CommitAsync(batch, answers));
            }
            catch (Exception exception)
            {
                failure = exception;
            }
            settler.Settle(batch.ToArray(), (write, i) =>
            {
                if (failure is null)
                    write.Answer(answers[i]);
                else
                    write.Fail(failure);
            });
            batch.Clear();
        }
        // Disposing waits for the loops, so every writer has its answer once DisposeAsync returns.
        await settler.Settled;
    }

    private async Task CommitAsync(List<PendingWrite> batch, object?[] answers)
    {
        await using var connection = await _open(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        if (connection.CanCreateBatch)
            await ExecuteAsBatchAsync(connection, transaction, batch, answers);
        else
            await ExecuteOneByOneAsync(connection, transaction, batch, answers);
        await transaction.CommitAsync();
        Interlocked.Increment(ref _committedTransactions);
    }

    private static async Task ExecuteAsBatchAsync(DbConnection connection, DbTransaction transaction, List<PendingWrite> batch, object?[] answers)
    {
        await using var commands = connection.CreateBatch();
        commands.Transaction = transaction;
        foreach (var write in batch)
        {
            if (write.Statement.FollowUps.Count > 0)
                throw new NotSupportedException("A command batch cannot make one statement depend on another's answer: put the dependent write inside the statement.");
            var command = commands.CreateBatchCommand();
            command.CommandText = write.Statement.Sql;
            foreach (var (name, value) in write.Statement.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            commands.BatchCommands.Add(command);
        }
        await using var reader = await commands.ExecuteReaderAsync();
        for (var i = 0; i < batch.Count; i++)
        {
            answers[i] = await reader.ReadAsync() ? reader.GetValue(0) : null;
            await reader.NextResultAsync();
        }
    }

    /// <summary>
    /// Without command batches (SQLite) the writes run one after another on one connection, each followed by its
    /// <see cref="WriteStatement.FollowUps"/> when it answered a row. Writes of the same statement (many contacts'
    /// upserts, say) share one command, so the statement is parsed once per transaction, not per write.
    /// </summary>
    private static async Task ExecuteOneByOneAsync(DbConnection connection, DbTransaction transaction, List<PendingWrite> batch, object?[] answers)
    {
        var commands = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var statement = batch[i].Statement;
                answers[i] = await ExecuteAsync(statement);
                if (answers[i] is null or DBNull)
                    continue;
                foreach (var followUp in statement.FollowUps)
                    await ExecuteAsync(followUp);
            }
        }
        finally
        {
            foreach (var command in commands.Values)
                await command.DisposeAsync();
        }

        async Task<object?> ExecuteAsync(WriteStatement statement)
        {
            if (!commands.TryGetValue(statement.Sql, out var command))
            {
                command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = statement.Sql;
                commands.Add(statement.Sql, command);
            }
            command.Parameters.Clear();
            foreach (var (name, value) in statement.Parameters)
                command.AddParameter(name, value);
            return await command.ExecuteScalarAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private sealed class PendingWrite(WriteStatement statement)
    {
        private readonly TaskCompletionSource<object?> _result = new();

        public WriteStatement Statement { get; } = statement;

        public Task<object?> Result => _result.Task;

        public void Answer(object? value) => _result.TrySetResult(value is DBNull ? null : value);

        public void Fail(Exception exception) => _result.TrySetException(exception);
    }
}
