using Microsoft.Data.Sqlite;

namespace Actors.Runtime.Persistence.Sqlite;

/// <summary>
/// Lets a <see cref="CancellationToken"/> stop the statement a SQLite connection is running. Microsoft.Data.Sqlite
/// does not: its async methods run synchronously, check the token only before they start, and SqliteCommand.Cancel
/// does nothing, so a search whose client has gone ran to its end. SQLite calls a progress handler every
/// <see cref="Instructions"/> steps of its virtual machine; while a scope is open the handler answers "stop" once the
/// token is cancelled, and the statement ends with SQLITE_INTERRUPT. A progress handler, unlike sqlite3_interrupt from
/// the token's callback, also stops a statement that starts just after the token was cancelled, since SQLite clears an
/// interrupt that arrives while no statement runs.
/// </summary>
public sealed class SqliteStatementCancellation : IDisposable
{
    /// <summary>Virtual-machine steps between checks: a few microseconds of work, so the check costs nothing measurable.</summary>
    public const int Instructions = 1000;

    static readonly SQLitePCL.delegate_progress Stop = state => ((SqliteStatementCancellation)state).token.IsCancellationRequested ? 1 : 0;

    readonly SQLitePCL.sqlite3 handle;
    readonly CancellationToken token;

    SqliteStatementCancellation(SQLitePCL.sqlite3 handle, CancellationToken token)
    {
        this.handle = handle;
        this.token = token;
        SQLitePCL.raw.sqlite3_progress_handler(handle, Instructions, Stop, this);
    }

    /// <summary>
    /// Stops <paramref name="connection"/>'s statements once <paramref name="cancellationToken"/> is cancelled, until the
    /// scope is disposed, which must happen before the connection goes back to the pool (so declare it after the connection).
    /// </summary>
    public static IDisposable? Begin(SqliteConnection connection, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? new SqliteStatementCancellation(connection.Handle!, cancellationToken) : null;

    /// <summary>Whether <paramref name="failure"/> is a statement stopped this way.</summary>
    public static bool Stopped(Exception failure) => failure is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_INTERRUPT };

    public void Dispose() => SQLitePCL.raw.sqlite3_progress_handler(handle, 0, null, null);
}
