using System.Collections.Concurrent;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;

namespace Actors.Grains.Storage.Events.Sql;

/// <summary>
/// Timeline events stored by the same write as the row whose change they record: both land, or neither does. A
/// row write is a compare-and-set that answers a row only when it stored, so the events are written only then. On
/// SQLite they are follow-up statements of the row's write in its transaction; on PostgreSQL, where a group commit's
/// statements travel as one command batch, the row's write becomes a data-modifying WITH that the events' INSERT
/// reads from, one statement that still answers what the row's write answered.
/// </summary>
public static class EventsWithRow
{
    const string PostgreSqlInsert = """
        INSERT INTO contact_events (contact_id, event_type, occurred_at, payload)
        SELECT e.contact, e.type, e.at, e.payload
        FROM stored, unnest(@event_contacts, @event_types, @event_times, @event_payloads) WITH ORDINALITY AS e(contact, type, at, payload, n)
        ORDER BY e.n
        """;

    // By the row's statement: a record table has two (its insert and its update), so the texts are built once, not on
    // every write. Only those fixed statements come here, which bounds the cache.
    static readonly ConcurrentDictionary<string, string> WrappedSql = new();

    /// <summary>The row's write with <paramref name="events"/> attached; the row's write itself when there are none.</summary>
    public static WriteStatement Attach(SqlDialect dialect, WriteStatement rowWrite, IReadOnlyList<EventRecord> events)
    {
        if (events.Count == 0)
            return rowWrite;
        return dialect switch
        {
            SqlDialect.Sqlite => ThenEach(rowWrite, events),
            SqlDialect.PostgreSql => Wrapped(rowWrite, events),
            _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "No such SQL dialect."),
        };
    }

    static WriteStatement ThenEach(WriteStatement rowWrite, IReadOnlyList<EventRecord> events)
    {
        foreach (var record in events)
            rowWrite.Then(new WriteStatement(SqliteEventLog.InsertSql).With("@contact", record.ContactId).With("@type", record.EventType)
                .With("@at", StoredTimestamp.ToSqliteText(record.OccurredAt)).With("@payload", record.PayloadJson));
        return rowWrite;
    }

    static WriteStatement Wrapped(WriteStatement rowWrite, IReadOnlyList<EventRecord> events)
    {
        var wrapped = new WriteStatement(WrappedSql.GetOrAdd(rowWrite.Sql,
            static sql => $"WITH stored AS ({sql}), appended AS ({PostgreSqlInsert}) SELECT * FROM stored"));
        foreach (var (name, value) in rowWrite.Parameters)
            wrapped.With(name, value);
        return wrapped
            .With("@event_contacts", events.Select(e => e.ContactId).ToArray())
            .With("@event_types", events.Select(e => e.EventType).ToArray())
            .With("@event_times", events.Select(e => StoredTimestamp.Normalize(e.OccurredAt)).ToArray())
            .With("@event_payloads", events.Select(e => e.PayloadJson).ToArray());
    }
}
