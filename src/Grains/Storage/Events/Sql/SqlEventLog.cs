using System.Data.Common;
using System.Text;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;

namespace Actors.Grains.Storage.Events.Sql;

/// <summary>
/// Reads and merges of the contact_events table, in SQL both dialects accept. Each dialect supplies its fastest
/// batch append. Timeline reads are served by the (contact_id, occurred_at, id) index, newest first; reads across all
/// contacts by the (occurred_at, id) index that <see cref="AllContactsIndex"/> adds.
/// </summary>
public abstract class SqlEventLog(SqlStore store) : IEventLog
{
    /// <summary>The component name under which both dialects register the contact_events migrations.</summary>
    public const string Component = "events";

    const string Columns = "id, contact_id, event_type, occurred_at, payload";

    /// <summary>Version 2 of both dialects' schema: the activity of all contacts pages by time without sorting the table.</summary>
    public static readonly SchemaMigration AllContactsIndex = new(Component, 2, "CREATE INDEX contact_events_time ON contact_events (occurred_at, id);");

    protected SqlStore Store => store;

    public abstract Task AppendBatchAsync(IReadOnlyList<EventRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// The newest time per contact of the records that move last_active, in contact order. Only a contact grain
    /// awaiting these very records writes its row, and it cannot write while it waits, so the update never races
    /// the row's versioned writes; the grain's next write stores the same time or a later one.
    /// </summary>
    protected static IReadOnlyList<(long ContactId, DateTimeOffset At)> LastActiveMoves(IReadOnlyList<EventRecord> records) =>
        records.Where(r => r.MovesLastActive)
            .GroupBy(r => r.ContactId, (contact, moves) => (contact, moves.Max(m => m.OccurredAt)))
            .OrderBy(move => move.contact)
            .ToArray();

    public Task<EventPage> ReadAsync(EventQuery query, CancellationToken cancellationToken)
    {
        query.Validate();
        return store.ReadAsync(connection => ReadAsync(connection, query, cancellationToken), cancellationToken);
    }

    async Task<EventPage> ReadAsync(DbConnection connection, EventQuery query, CancellationToken cancellationToken)
    {
        await using var count = Filtered(connection, query, "SELECT count(*)", "");
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken));

        var direction = query.Ascending ? "ASC" : "DESC";
        await using var page = Filtered(connection, query, $"SELECT {Columns}",
            $" ORDER BY occurred_at {direction}, id {direction} LIMIT @limit OFFSET @offset");
        page.AddParameter("@limit", query.Limit);
        page.AddParameter("@offset", query.Offset);
        await using var reader = await page.ExecuteReaderAsync(cancellationToken);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken))
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2),
                store.ReadTimestamp(reader, 3), reader.GetString(4)));
        return new EventPage(events, total);
    }

    public async Task<DateTimeOffset?> NewestAsync(long contactId, string eventType, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT occurred_at FROM contact_events
            WHERE contact_id = @contact AND event_type = @type AND occurred_at >= @since
            ORDER BY occurred_at DESC LIMIT 1
            """;
        command.AddParameter("@contact", contactId);
        command.AddParameter("@type", eventType);
        command.AddParameter("@since", store.ToDbTimestamp(since));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? store.ReadTimestamp(reader, 0) : null;
    }

    public Task<int> MoveEventsAsync(long fromContactId, long toContactId, CancellationToken cancellationToken) =>
        store.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE contact_events SET contact_id = @to WHERE contact_id = @from";
            command.AddParameter("@from", fromContactId);
            command.AddParameter("@to", toContactId);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    DbCommand Filtered(DbConnection connection, EventQuery query, string select, string tail)
    {
        var command = connection.CreateCommand();
        var sql = new StringBuilder(select).Append(" FROM contact_events WHERE 1 = 1");
        if (query.ContactId is { } contact)
        {
            sql.Append(" AND contact_id = @contact");
            command.AddParameter("@contact", contact);
        }
        if (query.Search is { Length: > 0 } search)
        {
            // The details' values as the timeline shows them, each lower-cased (SQLite's lower() folds ASCII only): the
            // payload's JSON writes other letters, and "<", "&" or "+", as \u escapes, which its raw text never matches.
            // The raw text, ASCII-lowered, goes first, through a pattern every matching payload's text matches too
            // (EventSearch.RawPattern), so that only those few events pay for reading their JSON and a .NET call a value.
            // Event types are this service's ASCII names, which lower() folds whole.
            var values = store.Dialect == SqlDialect.Sqlite ? "json_each(payload)" : "json_each_text(payload::json)";
            sql.Append($" AND (lower(event_type) LIKE @search{LikePattern.EscapeClause} OR (lower(payload) LIKE @raw{LikePattern.EscapeClause}")
                .Append($" AND EXISTS (SELECT 1 FROM {values} WHERE {store.LowerFunction}(value) LIKE @search{LikePattern.EscapeClause})))");
            var pattern = EventSearch.Pattern(search);
            command.AddParameter("@search", pattern);
            command.AddParameter("@raw", EventSearch.RawPattern(pattern));
        }
        AppendTypes(command, sql, "IN", "include", query.IncludeTypes);
        AppendTypes(command, sql, "NOT IN", "exclude", query.ExcludeTypes);
        if (query.From is { } from)
        {
            sql.Append(" AND occurred_at >= @from");
            command.AddParameter("@from", store.ToDbTimestamp(from));
        }
        if (query.To is { } to)
        {
            sql.Append(" AND occurred_at <= @to");
            command.AddParameter("@to", store.ToDbTimestamp(to));
        }
        command.CommandText = sql.Append(tail).ToString();
        return command;
    }

    static void AppendTypes(DbCommand command, StringBuilder sql, string operation, string prefix, IReadOnlyCollection<string> types)
    {
        if (types.Count == 0)
            return;
        sql.Append(" AND event_type ").Append(operation).Append(" (");
        var index = 0;
        foreach (var type in types)
        {
            var name = $"@{prefix}{index}";
            sql.Append(index++ == 0 ? "" : ", ").Append(name);
            command.AddParameter(name, type);
        }
        sql.Append(')');
    }
}
