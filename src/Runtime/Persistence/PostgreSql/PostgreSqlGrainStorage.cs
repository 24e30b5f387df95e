using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;
using Npgsql;

namespace Actors.Runtime.Persistence.PostgreSql;

/// <summary>
/// Grain storage in PostgreSQL; see <see cref="AdoNetGrainStorage"/> for the protocol. Activation reads go through a
/// <see cref="GroupReader{TKey, TRecord}"/>: concurrent loads share one query of the keys' primary-key rows.
/// </summary>
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

    const string SelectManySql = """
        SELECT s.grain_type, s.grain_key, s.state_name, s.payload, s.version
        FROM unnest(@types, @keys, @states) AS k(grain_type, grain_key, state_name)
        JOIN grain_state s USING (grain_type, grain_key, state_name)
        """;

    readonly GroupReader<StateKey, StoredState> reads = new(keys => LoadManyAsync(dataSource, keys));

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    protected override Task<StoredState?> LoadAsync(StateKey key, CancellationToken cancellationToken) => reads.ReadAsync(key, cancellationToken);

    static async Task<IReadOnlyDictionary<StateKey, StoredState>> LoadManyAsync(NpgsqlDataSource dataSource, IReadOnlyList<StateKey> keys)
    {
        await using var command = dataSource.CreateCommand(SelectManySql);
        command.Parameters.AddWithValue("types", keys.Select(k => k.GrainType).ToArray());
        command.Parameters.AddWithValue("keys", keys.Select(k => k.GrainKey).ToArray());
        command.Parameters.AddWithValue("states", keys.Select(k => k.StateName).ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var found = new Dictionary<StateKey, StoredState>(keys.Count);
        while (await reader.ReadAsync())
        {
            var payload = await reader.IsDBNullAsync(3) ? null : reader.GetFieldValue<byte[]>(3);
            found[new StateKey(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = new StoredState(payload, reader.GetInt32(4));
        }
        return found;
    }
}
