using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.Migrations;
using Microsoft.Data.Sqlite;

namespace Actors.Grains.Storage.Events.Sql;

/// <summary>The event log in the application's SQLite file.</summary>
public sealed class SqliteEventLog(SqliteStore store) : SqlEventLog(store)
{
    /// <summary>
    /// INTEGER PRIMARY KEY is SQLite's rowid, assigned in increasing order. AUTOINCREMENT would add only the promise
    /// that ids of deleted rows are never reused, at the cost of a sqlite_sequence write per insert; nothing here deletes.
    /// </summary>
    public static readonly SchemaMigration Schema = new(Component, 1, """
        CREATE TABLE contact_events (
            id          INTEGER PRIMARY KEY,
            contact_id  INTEGER NOT NULL,
            event_type  TEXT    NOT NULL,
            occurred_at TEXT    NOT NULL,
            payload     TEXT    NOT NULL
        );
        CREATE INDEX contact_events_timeline ON contact_events (contact_id, occurred_at, id);
        """);

    /// <summary>One event's row; <see cref="EventsWithRow"/> runs it after a contact's row write too.</summary>
    public const string InsertSql = "INSERT INTO contact_events (contact_id, event_type, occurred_at, payload) VALUES (@contact, @type, @at, @payload)";

    /// <summary>One transaction and one prepared statement re-bound per row: SQLite has no round trips to save.</summary>
    public override Task AppendBatchAsync(IReadOnlyList<EventRecord> records, CancellationToken cancellationToken) =>
        Store.WriteAsync(async connection =>
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = (SqliteCommand)connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = InsertSql;
            var contact = insert.Parameters.Add("@contact", SqliteType.Integer);
            var type = insert.Parameters.Add("@type", SqliteType.Text);
            var at = insert.Parameters.Add("@at", SqliteType.Text);
            var payload = insert.Parameters.Add("@payload", SqliteType.Text);
            insert.Prepare();
            foreach (var record in records)
            {
                contact.Value = record.ContactId;
                type.Value = record.EventType;
                at.Value = StoredTimestamp.ToSqliteText(record.OccurredAt);
                payload.Value = record.PayloadJson;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await MoveLastActiveAsync(connection, transaction, LastActiveMoves(records), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return records.Count;
        }, cancellationToken);

    static async Task MoveLastActiveAsync(System.Data.Common.DbConnection connection, SqliteTransaction transaction,
        IReadOnlyList<(long ContactId, DateTimeOffset At)> moves, CancellationToken cancellationToken)
    {
        if (moves.Count == 0)
            return;
        await using var update = (SqliteCommand)connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE contacts SET last_active = @at WHERE id = @contact AND (last_active IS NULL OR last_active < @at)";
        var contact = update.Parameters.Add("@contact", SqliteType.Integer);
        var at = update.Parameters.Add("@at", SqliteType.Text);
        update.Prepare();
        foreach (var move in moves)
        {
            contact.Value = move.ContactId;
            at.Value = StoredTimestamp.ToSqliteText(move.At);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
