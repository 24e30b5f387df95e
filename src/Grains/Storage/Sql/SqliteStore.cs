using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;
using Actors.Runtime.Persistence.Sqlite;

namespace Actors.Grains.Storage.Sql;

/// <summary>The application's SQLite file, shared with the grain storage (<see cref="SqliteDatabase"/>).</summary>
public sealed class SqliteStore(SqliteDatabase database, [FromKeyedServices(SqlDialect.Sqlite)] GroupCommitWriter writer)
    : SqlStore(writer)
{
    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken);

    public override IDisposable? StopOnCancel(DbConnection connection, CancellationToken cancellationToken) =>
        SqliteStatementCancellation.Begin((Microsoft.Data.Sqlite.SqliteConnection)connection, cancellationToken);

    protected override bool IsStopped(Exception failure) => SqliteStatementCancellation.Stopped(failure);

    /// <summary>Writes queue behind every other write of this process (SQLite admits one writer).</summary>
    public override Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> write, CancellationToken cancellationToken) =>
        database.WriteAsync(async () =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            return await write(connection);
        }, cancellationToken);

    public override object ToDbTimestamp(DateTimeOffset value) => StoredTimestamp.ToSqliteText(value);

    public override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        StoredTimestamp.FromSqliteText(reader.GetString(ordinal));
}
