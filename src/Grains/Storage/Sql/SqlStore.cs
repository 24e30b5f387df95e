using System.Data.Common;
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
