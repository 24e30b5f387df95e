using System.Diagnostics;
using System.Globalization;
using Actors.Grains.Storage.Sql;
using Actors.Runtime;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Persistence;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;

namespace Actors.Grains.Storage.Records;

/// <summary>
/// Grain storage keeping each grain's state as one row of a <see cref="RecordTable"/>: payload, version and the
/// projected query columns written by one statement, so a reader never sees a row whose columns and payload
/// disagree. The compare-and-set rules are the runtime's: a write without ETag only creates the row, a write with
/// one only replaces that exact version, a clear keeps the row so its version keeps counting, and a mismatch stores
/// nothing and throws <see cref="InconsistentStateException"/>. Rows are keyed by the grain key, a decimal id.
/// On PostgreSQL, activation reads that arrive together share one query (<see cref="GroupReader{TKey, TRecord}"/>).
/// </summary>
public sealed class RecordTableStorage(SqlStore store, RecordTable table, string? providerName = null) : IGrainStorage
{
    readonly string insertSql = $"""
        INSERT INTO {table.Name} (id, version, payload, {string.Join(", ", table.Columns.Select(c => c.Name))})
        VALUES (@id, 1, @payload, {string.Join(", ", table.Columns.Select(c => "@" + c.Name))})
        ON CONFLICT DO NOTHING RETURNING version
        """;

    readonly string updateSql = $"""
        UPDATE {table.Name} SET version = version + 1, payload = @payload, {string.Join(", ", table.Columns.Select(c => $"{c.Name} = @{c.Name}"))}
        WHERE id = @id AND version = @version RETURNING version
        """;

    /// <summary>The provider label of the storage metrics.</summary>
    readonly string providerName = providerName ?? "RecordTable:" + table.Name;

    // SQLite reads are in-process calls on a file the process holds; only a server round trip is worth sharing.
    readonly GroupReader<long, StoredState>? groupReads = store.Dialect == SqlDialect.PostgreSql
        ? new GroupReader<long, StoredState>(ids => ReadManyAsync(store, table.Name, ids))
        : null;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
        where T : new()
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var id = RecordId(grainId);
            var row = groupReads is null ? await ReadOneAsync(id, cancellationToken) : await groupReads.ReadAsync(id, cancellationToken);
            grainState.State = row?.Payload is { } payload ? GrainStateSerializer.Deserialize<T>(payload) : new T();
            grainState.ETag = row is null ? null : VersionETag.Format(row.Version);
            grainState.RecordExists = row?.Payload is not null;
        }
        finally
        {
            RuntimeInstruments.RecordStorageOperation(this.providerName, "read", start);
        }
    }

    async Task<StoredState?> ReadOneAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT payload, version FROM {table.Name} WHERE id = @id";
        command.AddParameter("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new StoredState(await reader.IsDBNullAsync(0, cancellationToken) ? null : reader.GetFieldValue<byte[]>(0), reader.GetInt32(1));
    }

    static async Task<IReadOnlyDictionary<long, StoredState>> ReadManyAsync(SqlStore store, string tableName, IReadOnlyList<long> ids)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, payload, version FROM {tableName} WHERE id = ANY(@ids)";
        command.AddParameter("@ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var found = new Dictionary<long, StoredState>(ids.Count);
        while (await reader.ReadAsync())
            found[reader.GetInt64(0)] = new StoredState(await reader.IsDBNullAsync(1) ? null : reader.GetFieldValue<byte[]>(1), reader.GetInt32(2));
        return found;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
        where T : new() => WriteStateAsync(grainId, grainState, attach: null);

    /// <summary>
    /// Writes the state, with <paramref name="attach"/> adding to the row's write what must land with it or not at all
    /// (see <see cref="Events.Sql.EventsWithRow"/>). The row's write answers the stored version, or no row on a conflict.
    /// </summary>
    public Task WriteStateAsync<T>(GrainId grainId, IGrainState<T> grainState, Func<WriteStatement, WriteStatement>? attach)
        where T : new() =>
        StoreAsync(grainId, grainState, GrainStateSerializer.Serialize(grainState.State), table.Project(grainState.State!), "write", attach);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
        where T : new()
    {
        await StoreAsync(grainId, grainState, payload: null, new object?[table.Columns.Count], "clear", attach: null);
        grainState.State = new T();
    }

    async Task StoreAsync<T>(GrainId grainId, IGrainState<T> grainState, byte[]? payload, object?[] values, string operation,
        Func<WriteStatement, WriteStatement>? attach)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            if (!VersionETag.TryParse(grainState.ETag, out var expectedVersion))
                throw VersionETag.Conflict($"{table.Name} {grainId}", grainState.ETag, operation);
            var statement = new WriteStatement(expectedVersion is null ? insertSql : updateSql)
                .With("@id", RecordId(grainId)).With("@payload", payload);
            if (expectedVersion is not null)
                statement.With("@version", expectedVersion.Value);
            for (var i = 0; i < table.Columns.Count; i++)
                statement.With("@" + table.Columns[i].Name, ToDb(values[i]));
            var stored = await store.CommitAsync(attach is null ? statement : attach(statement))
                ?? throw VersionETag.Conflict($"{table.Name} {grainId}", grainState.ETag, operation);
            grainState.ETag = VersionETag.Format(Convert.ToInt32(stored, CultureInfo.InvariantCulture));
            grainState.RecordExists = payload is not null;
        }
        finally
        {
            RuntimeInstruments.RecordStorageOperation(this.providerName, operation, start);
        }
    }

    // PostgreSQL text cannot hold NUL; the query columns drop it while the payload keeps the value exactly.
    object? ToDb(object? value) => value switch
    {
        string text => text.Replace("\0", "", StringComparison.Ordinal),
        DateTimeOffset time => store.ToDbTimestamp(time),
        _ => value,
    };

    static long RecordId(GrainId grainId) =>
        long.TryParse(grainId.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && id.ToString(CultureInfo.InvariantCulture) == grainId.Key
            ? id
            : throw new ArgumentException($"Record tables key rows by id, so the grain key of {grainId} must be decimal digits.", nameof(grainId));
}
