using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;

namespace Actors.Runtime.Persistence.Sqlite;

/// <summary>Grain storage in the application's SQLite file; see <see cref="AdoNetGrainStorage"/> for the protocol.</summary>
public sealed class SqliteGrainStorage(
    SqliteDatabase database,
    SqliteSchemaMigrator migrator,
    [FromKeyedServices(SqlDialect.Sqlite)] GroupCommitWriter writer)
    : AdoNetGrainStorage("Sqlite", migrator, writer)
{
    /// <summary>The grain_state table. WITHOUT ROWID because the three-part key is the only way rows are found.</summary>
    public static readonly SchemaMigration Schema = new(GrainStorageComponent, 1, """
        CREATE TABLE grain_state (
            grain_type  TEXT    NOT NULL,
            grain_key   TEXT    NOT NULL,
            state_name  TEXT    NOT NULL,
            payload     BLOB    NULL,
            version     INTEGER NOT NULL,
            modified_on TEXT    NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        ) WITHOUT ROWID
        """);

    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await database.EnsureCreatedAsync(cancellationToken);
        await base.InitializeAsync(cancellationToken);
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken);
}
