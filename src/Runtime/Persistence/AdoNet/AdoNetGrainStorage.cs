using System.Data.Common;
using System.Globalization;
using Actors.Runtime.Persistence.Migrations;

namespace Actors.Runtime.Persistence.AdoNet;

/// <summary>
/// The SQL providers' shared compare-and-set. Each write is one statement whose RETURNING clause says
/// whether it matched: an INSERT that does nothing on conflict, or an UPDATE guarded by the expected
/// version. No transaction spans two statements, so no lock is held across a round trip.
/// SQLite (3.35+) and PostgreSQL accept the same statements over a grain_state table that each
/// dialect creates in its own migration, which is why one class serves both.
/// </summary>
public abstract class AdoNetGrainStorage(string providerName, SchemaMigrator migrator, GroupCommitWriter writer) : GrainStorage(providerName)
{
    /// <summary>The component name under which each dialect registers its grain_state migrations.</summary>
    public const string GrainStorageComponent = "grain-storage";

    const string KeyMatches = "grain_type = @type AND grain_key = @key AND state_name = @state";

    const string SelectSql = $"SELECT payload, version FROM grain_state WHERE {KeyMatches}";

    const string InsertSql = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, modified_on)
        VALUES (@type, @key, @state, @payload, 1, CURRENT_TIMESTAMP)
        ON CONFLICT DO NOTHING RETURNING version
        """;

    const string UpdateSql = $"""
        UPDATE grain_state SET payload = @payload, version = version + 1, modified_on = CURRENT_TIMESTAMP
        WHERE {KeyMatches} AND version = @version RETURNING version
        """;

    public override Task InitializeAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public override async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Opens a pooled connection, ready for use.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    protected override async Task<StoredState?> LoadAsync(StateKey key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = CreateCommand(connection, SelectSql, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var payload = await reader.IsDBNullAsync(0, cancellationToken) ? null : reader.GetFieldValue<byte[]>(0);
        return new StoredState(payload, reader.GetInt32(1));
    }


    protected override async Task<int?> TryStoreAsync(StateKey key, byte[]? payload, int? expectedVersion, CancellationToken cancellationToken)
    {
        var statement = new WriteStatement(expectedVersion is null ? InsertSql : UpdateSql)
            .With("@type", key.GrainType).With("@key", key.GrainKey).With("@state", key.StateName).With("@payload", payload);
        if (expectedVersion is not null)
            statement.With("@version", expectedVersion.Value);
        var version = await writer.EnqueueAsync(statement);
        return version is null ? null : Convert.ToInt32(version, CultureInfo.InvariantCulture);
    }

    static DbCommand CreateCommand(DbConnection connection, string sql, StateKey key)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("@type", key.GrainType);
        command.AddParameter("@key", key.GrainKey);
        command.AddParameter("@state", key.StateName);
        return command;
    }
}
