using System.Data.Common;
using System.Runtime.CompilerServices;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;
using Actors.Runtime.Persistence.Sqlite;

namespace Actors.Grains.Storage.Sql;

/// <summary>
/// What the product's own tables (contacts, contact_events) need from the configured database beyond the
/// SQL they share: connections, the write discipline and the representation of a point in time.
/// Both dialects hold the tables the runtime's grain storage uses, so one backup covers everything.
/// </summary>
public abstract class SqlStore(GroupCommitWriter writer)
{
    public abstract SqlDialect Dialect { get; }

    /// <summary>
    /// The SQL function that lower-cases every letter of a text, for comparisons that ignore case as Mautic's
    /// collation does: PostgreSQL's lower(); in SQLite, whose lower() folds ASCII only, <see cref="SqliteDatabase.LowerFunction"/>.
    /// </summary>
    public string LowerFunction => Dialect == SqlDialect.Sqlite ? SqliteDatabase.LowerFunction : "lower";

    /// <summary>Opens a pooled connection for reading; dispose it to return it.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="read"/> on a pooled connection whose statements <paramref name="cancellationToken"/> stops
    /// (see <see cref="StopOnCancel"/>), so a list or search whose client has gone ends its query instead of running on.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled, before or during a statement.</exception>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var stop = StopOnCancel(connection, cancellationToken);
        return await StoppableAsync(() => read(connection), cancellationToken);
    }

    /// <summary>
    /// The rows of one statement, in batches of <paramref name="batchSize"/> read as the caller takes them: memory holds
    /// one batch however many rows there are. The connection (and the statement's snapshot: SQLite keeps its WAL from
    /// being reset meanwhile, PostgreSQL holds back vacuum) stays held until the enumeration ends, so a caller writing
    /// to a slow client holds it that long. <paramref name="cancellationToken"/> stops the statement as in <see cref="ReadAsync{T}"/>.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<T>> StreamAsync<T>(Func<DbConnection, DbCommand> statement, Func<DbDataReader, T> row, int batchSize,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return StreamBatchesAsync(statement, row, batchSize, cancellationToken);
    }

    private async IAsyncEnumerable<IReadOnlyList<T>> StreamBatchesAsync<T>(Func<DbConnection, DbCommand> statement, Func<DbDataReader, T> row, int batchSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var stop = StopOnCancel(connection, cancellationToken);
        await using var command = statement(connection);
        await using var reader = await StoppableAsync(() => command.ExecuteReaderAsync(cancellationToken), cancellationToken);
        while (true)
        {
            var batch = await StoppableAsync(async () =>
            {
                var rows = new List<T>(batchSize);
                while (rows.Count < batchSize && await reader.ReadAsync(cancellationToken))
                    rows.Add(row(reader));
                return rows;
            }, cancellationToken);
            if (batch.Count > 0)
                yield return batch;
            if (batch.Count < batchSize)
                yield break;
        }
    }

    // An iterator cannot catch around its yields, so each step is translated on its own.
    private async Task<T> StoppableAsync<T>(Func<Task<T>> step, CancellationToken cancellationToken)
    {
        try
        {
            return await step();
        }
        catch (Exception failure) when (Stopped(failure, cancellationToken))
        {
            throw Cancelled(failure, cancellationToken);
        }
    }

    /// <summary>
    /// Makes <paramref name="cancellationToken"/> stop the statement <paramref name="connection"/> runs, until the result
    /// is disposed, before the connection. Npgsql does so on its own (it sends PostgreSQL a cancel request), so only
    /// SQLite needs it. A statement stopped so fails with the driver's error: see <see cref="Stopped"/>.
    /// </summary>
    public virtual IDisposable? StopOnCancel(DbConnection connection, CancellationToken cancellationToken) => null;

    /// <summary>Whether <paramref name="failure"/> is a statement that <see cref="StopOnCancel"/> stopped because <paramref name="cancellationToken"/> was cancelled.</summary>
    public bool Stopped(Exception failure, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested && failure is not OperationCanceledException && IsStopped(failure);

    /// <summary>A statement stopped by cancellation as the <see cref="OperationCanceledException"/> Npgsql throws, which ASP.NET Core reads as the client leaving.</summary>
    public static OperationCanceledException Cancelled(Exception failure, CancellationToken cancellationToken) =>
        new("The query was stopped: its caller cancelled it.", failure, cancellationToken);

    protected virtual bool IsStopped(Exception failure) => false;

    /// <summary>Runs <paramref name="write"/> on an open connection that it must not keep.</summary>
    public abstract Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> write, CancellationToken cancellationToken);

    /// <summary>
    /// Runs one small write through group commit: it shares a transaction with the writes that arrive meanwhile
    /// and completes with its answer once that transaction has committed (see <see cref="GroupCommitWriter"/>).
    /// </summary>
    public Task<object?> CommitAsync(WriteStatement statement) => writer.EnqueueAsync(statement);

    /// <summary>The parameter value that stores <paramref name="value"/> in a timestamp column of this dialect.</summary>
    public abstract object ToDbTimestamp(DateTimeOffset value);

    /// <summary>Reads a timestamp column written through <see cref="ToDbTimestamp"/>, in UTC.</summary>
    public abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);
}
