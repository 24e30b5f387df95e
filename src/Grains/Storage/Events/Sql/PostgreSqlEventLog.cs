using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.Migrations;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Grains.Storage.Events.Sql;

/// <summary>The event log in PostgreSQL.</summary>
public sealed class PostgreSqlEventLog(PostgreSqlStore store) : SqlEventLog(store)
{
    /// <summary>The payload is text, not jsonb: it is stored and returned verbatim, and queries can still cast it.</summary>
    public static readonly SchemaMigration Schema = new(Component, 1, """
        CREATE TABLE contact_events (
            id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            contact_id  bigint      NOT NULL,
            event_type  text        NOT NULL,
            occurred_at timestamptz NOT NULL,
            payload     text        NOT NULL
        );
        CREATE INDEX contact_events_timeline ON contact_events (contact_id, occurred_at, id);
        """);

    const string InsertSql = """
        INSERT INTO contact_events (contact_id, event_type, occurred_at, payload)
        SELECT * FROM unnest(@contacts, @types, @times, @payloads)
        """;

    const string CopySql = "COPY contact_events (contact_id, event_type, occurred_at, payload) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// From this many rows a batch goes through binary COPY. bench/EventLog.Bench compares the two, batch size by
    /// batch size: for 1 to 100 rows (what group commit forms under a few hundred writers) the INSERT was as fast or
    /// faster, at 1,000 rows COPY was about a third faster.
    /// </summary>
    public const int CopyFromRows = 500;

    const string MoveLastActiveSql = """
        UPDATE contacts AS c SET last_active = m.at FROM unnest(@moved, @movedAt) AS m(id, at)
        WHERE c.id = m.id AND (c.last_active IS NULL OR c.last_active < m.at)
        """;

    /// <summary>
    /// A batch commits whole or not at all, last_active moves included: the INSERT of four arrays unnested into rows
    /// and the UPDATE travel as one command batch, its own transaction, in one round trip; a COPY and its UPDATE
    /// share an explicit transaction.
    /// </summary>
    public override Task AppendBatchAsync(IReadOnlyList<EventRecord> records, CancellationToken cancellationToken) =>
        Store.WriteAsync(connection => records.Count >= CopyFromRows
            ? CopyAsync((NpgsqlConnection)connection, records, cancellationToken)
            : InsertAsync((NpgsqlConnection)connection, records, cancellationToken), cancellationToken);

    static async Task<int> InsertAsync(NpgsqlConnection connection, IReadOnlyList<EventRecord> records, CancellationToken cancellationToken)
    {
        var contacts = new long[records.Count];
        var types = new string[records.Count];
        var times = new DateTimeOffset[records.Count];
        var payloads = new string[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            contacts[i] = records[i].ContactId;
            types[i] = records[i].EventType;
            times[i] = StoredTimestamp.Normalize(records[i].OccurredAt);
            payloads[i] = records[i].PayloadJson;
        }
        await using var batch = new NpgsqlBatch(connection);
        var insert = new NpgsqlBatchCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter<long[]>("contacts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = contacts });
        insert.Parameters.Add(new NpgsqlParameter<string[]>("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = types });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = times });
        insert.Parameters.Add(new NpgsqlParameter<string[]>("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = payloads });
        batch.BatchCommands.Add(insert);
        if (MoveLastActiveCommand(LastActiveMoves(records)) is { } move)
            batch.BatchCommands.Add(move);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return records.Count;
    }

    static NpgsqlBatchCommand? MoveLastActiveCommand(IReadOnlyList<(long ContactId, DateTimeOffset At)> moves)
    {
        if (moves.Count == 0)
            return null;
        var command = new NpgsqlBatchCommand(MoveLastActiveSql);
        command.Parameters.Add(new NpgsqlParameter<long[]>("moved", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. moves.Select(m => m.ContactId)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("movedAt", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
            { TypedValue = [.. moves.Select(m => StoredTimestamp.Normalize(m.At))] });
        return command;
    }

    static async Task<int> CopyAsync(NpgsqlConnection connection, IReadOnlyList<EventRecord> records, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var import = await connection.BeginBinaryImportAsync(CopySql, cancellationToken))
        {
            foreach (var record in records)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(record.ContactId, NpgsqlDbType.Bigint, cancellationToken);
                await import.WriteAsync(record.EventType, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(StoredTimestamp.Normalize(record.OccurredAt), NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync(record.PayloadJson, NpgsqlDbType.Text, cancellationToken);
            }
            await import.CompleteAsync(cancellationToken);
        }
        if (MoveLastActiveCommand(LastActiveMoves(records)) is { } move)
        {
            await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { move } };
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return records.Count;
    }
}
