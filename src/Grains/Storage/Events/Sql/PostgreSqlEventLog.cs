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

    /// <summary>
    /// One INSERT of four arrays, unnested into rows: a single statement is its own transaction, so a batch costs one
    /// round trip whatever its size. bench/EventLog.Bench compares it with a binary COPY in a transaction: for batches
    /// of 1 to 100 rows, the sizes group commit produces under a few hundred writers, it was as fast or faster; at
    /// 1,000 rows COPY was about a third faster, so a very loaded writer could switch to COPY for large batches.
    /// </summary>
    public override Task AppendBatchAsync(IReadOnlyList<EventRecord> records, CancellationToken cancellationToken) =>
        Store.WriteAsync(async connection =>
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
            await using var insert = new NpgsqlCommand(InsertSql, (NpgsqlConnection)connection);
            insert.Parameters.Add(new NpgsqlParameter<long[]>("contacts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = contacts });
            insert.Parameters.Add(new NpgsqlParameter<string[]>("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = types });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = times });
            insert.Parameters.Add(new NpgsqlParameter<string[]>("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = payloads });
            return await insert.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
