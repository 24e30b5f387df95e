using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;
using Npgsql;

namespace Actors.Runtime.Persistence.PostgreSql;

/// <summary>Grain storage in PostgreSQL; see <see cref="AdoNetGrainStorage"/> for the protocol.</summary>
public sealed class PostgreSqlGrainStorage(
    NpgsqlDataSource dataSource,
    PostgreSqlSchemaMigrator migrator,
    [FromKeyedServices(SqlDialect.PostgreSql)] GroupCommitWriter writer)
    : AdoNetGrainStorage("PostgreSql", migrator, writer)
{
    /// <summary>
    /// The grain_state table. The payload is bytea, not jsonb: jsonb rejects strings containing \u0000
    /// and rewrites key order and duplicates, so a state that round-trips in SQLite or memory could
    /// fail or change here. A read model can still query it as convert_from(payload, 'UTF8')::jsonb.
    /// </summary>
    public static readonly SchemaMigration Schema = new(GrainStorageComponent, 1, """
        CREATE TABLE grain_state (
            grain_type  text        NOT NULL,
            grain_key   text        NOT NULL,
            state_name  text        NOT NULL,
            payload     bytea       NULL,
            version     integer     NOT NULL,
            modified_on timestamptz NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        )
        """);

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);
}
