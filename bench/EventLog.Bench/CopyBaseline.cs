using System.Diagnostics;
using Actors.Grains.Storage.Events;
using Actors.Grains.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Bench.EventLog;

static class CopyBaseline
{
    /// <summary>All rows through one binary COPY in one transaction: the fastest way PostgreSQL takes rows.</summary>
    public static async Task<double> RunAsync(EventRecord[] rows)
    {
        await using var database = await BenchDatabase.CreateAsync();
        var clock = Stopwatch.StartNew();
        await CopyAsync(database.DataSource, rows);
        return rows.Length / clock.Elapsed.TotalSeconds;
    }

    public static async Task CopyAsync(NpgsqlDataSource dataSource, IReadOnlyList<EventRecord> rows)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY contact_events (contact_id, event_type, occurred_at, payload) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await import.StartRowAsync();
                await import.WriteAsync(row.ContactId, NpgsqlDbType.Bigint);
                await import.WriteAsync(row.EventType, NpgsqlDbType.Text);
                await import.WriteAsync(StoredTimestamp.Normalize(row.OccurredAt), NpgsqlDbType.TimestampTz);
                await import.WriteAsync(row.PayloadJson, NpgsqlDbType.Text);
            }
            await import.CompleteAsync();
        }
        await transaction.CommitAsync();
    }
}
