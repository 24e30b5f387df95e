using System.Data.Common;
using Actors.Runtime.Persistence.AdoNet;

namespace Actors.Runtime.Persistence.Migrations;

/// <summary>
/// Brings a database up to date at start-up. Every registered migration runs in its own transaction
/// that first takes a database-wide lock (<see cref="BeginLockedTransactionAsync"/>), then checks
/// schema_migrations, applies the script and records it; so a migration is applied exactly once
/// even when several processes start together, and a failing script leaves nothing half-applied.
/// Migrations run ordered by component, then version; a component must not depend on another's tables
/// being newer than that order gives it.
/// </summary>
public abstract class SchemaMigrator
{
    readonly IReadOnlyList<SchemaMigration> migrations;

    protected SchemaMigrator(IEnumerable<SchemaMigration> migrations)
    {
        // Identical registrations (a component's services added twice) collapse; conflicting ones are a bug.
        this.migrations = [.. migrations.Distinct().OrderBy(m => m.Component, StringComparer.Ordinal).ThenBy(m => m.Version)];
        var duplicate = this.migrations.GroupBy(m => (m.Component, m.Version)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException(
                $"Schema migration {duplicate.Key.Version} of component '{duplicate.Key.Component}' is registered more than once.");
    }

    /// <summary>The dialect's column type for a point in time; CURRENT_TIMESTAMP must be assignable to it.</summary>
    protected abstract string TimestampType { get; }

    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Begins a transaction that excludes every other migrator of the same database until it ends.</summary>
    protected abstract Task<DbTransaction> BeginLockedTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        foreach (var migration in migrations)
        {
            await using var transaction = await BeginLockedTransactionAsync(connection, cancellationToken);
            await ExecuteAsync(transaction, $"""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    component  text    NOT NULL,
                    version    integer NOT NULL,
                    applied_on {TimestampType} NOT NULL,
                    PRIMARY KEY (component, version)
                )
                """, cancellationToken);
            var applied = await ExecuteAsync(transaction,
                "SELECT 1 FROM schema_migrations WHERE component = @component AND version = @version", cancellationToken, migration);
            if (applied is null)
            {
                await ExecuteAsync(transaction, migration.Sql, cancellationToken);
                await ExecuteAsync(transaction,
                    "INSERT INTO schema_migrations (component, version, applied_on) VALUES (@component, @version, CURRENT_TIMESTAMP)",
                    cancellationToken, migration);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Runs <paramref name="sql"/> and returns the first value it yields, if any.</summary>
    protected static async Task<object?> ExecuteAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken,
        SchemaMigration? parameters = null)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (parameters is not null)
        {
            command.AddParameter("@component", parameters.Component);
            command.AddParameter("@version", parameters.Version);
        }
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
