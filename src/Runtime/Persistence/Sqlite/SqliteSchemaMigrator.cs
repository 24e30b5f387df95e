using System.Data.Common;
using Actors.Runtime.Persistence.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Persistence.Sqlite;

/// <summary>Applies the migrations registered for <see cref="SqlDialect.Sqlite"/> to the application's SQLite file.</summary>
public sealed class SqliteSchemaMigrator(
    SqliteDatabase database,
    [FromKeyedServices(SqlDialect.Sqlite)] IEnumerable<SchemaMigration> migrations) : SchemaMigrator(migrations)
{
    // SQLite has no timestamp type; CURRENT_TIMESTAMP stores ISO-8601 UTC text.
    protected override string TimestampType => "TEXT";

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken);

    // BEGIN IMMEDIATE takes the file's write lock up front, so a second process waits rather than
    // reading a stale schema_migrations and applying the same script again.
    protected override Task<DbTransaction> BeginLockedTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
}
