using Npgsql;

namespace Actors.Cluster.Failover;

/// <summary>What the storage holds after the run: page hits in the event log and emails owned by more than one live contact.</summary>
public static class StoreCounts
{
    public static async Task<long> PageHitsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM contact_events WHERE event_type = 'page.hit'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<IReadOnlyList<(string Email, long Contacts)>> DuplicateEmailsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT lower(email), count(*) FROM contacts
            WHERE email IS NOT NULL AND payload IS NOT NULL AND merged_into IS NULL
            GROUP BY lower(email) HAVING count(*) > 1 ORDER BY 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var duplicates = new List<(string, long)>();
        while (await reader.ReadAsync())
            duplicates.Add((reader.GetString(0), reader.GetInt64(1)));
        return duplicates;
    }

    public static async Task<long> IdentifiedContactsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(DISTINCT lower(email)) FROM contacts WHERE email IS NOT NULL AND payload IS NOT NULL AND merged_into IS NULL", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
