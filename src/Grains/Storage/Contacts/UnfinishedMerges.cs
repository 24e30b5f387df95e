using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.AdoNet;

namespace Actors.Grains.Storage.Contacts;

/// <summary>
/// The contacts that recorded a merge and have not finished it, read from the pending_merge column through its
/// partial index (contacts_pending_merge), so the read costs the few such rows, not the table.
/// </summary>
public sealed class UnfinishedMerges(SqlStore store)
{
    public async Task<IReadOnlyList<long>> ReadWinnersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM contacts WHERE pending_merge IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var winners = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
            winners.Add(reader.GetInt64(0));
        return winners;
    }
}
