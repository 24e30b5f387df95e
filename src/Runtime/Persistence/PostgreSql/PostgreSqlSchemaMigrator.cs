using System.Data.Common;
using Actors.Runtime.Persistence.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Actors.Runtime.Persistence.PostgreSql;

/// <summary>Applies the migrations registered for <see cref="SqlDialect.PostgreSql"/> to the configured database.</summary>
public sealed class PostgreSqlSchemaMigrator(
    NpgsqlDataSource dataSource,
    [FromKeyedServices(SqlDialect.PostgreSql)] IEnumerable<SchemaMigration> migrations) : SchemaMigrator(migrations)
{
    protected override string TimestampType => "timestamptz";

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    // A transaction-scoped advisory lock: processes starting together queue here, even before
    // schema_migrations exists (CREATE TABLE IF NOT EXISTS itself races without it), and the lock
    // is released by commit or rollback, so a crashed migrator cannot leave it held.
    protected override async Task<DbTransaction> BeginLockedTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(transaction, "SELECT pg_advisory_xact_lock(hashtext('actors.schema_migrations'))", cancellationToken);
        return transaction;
    }
}
