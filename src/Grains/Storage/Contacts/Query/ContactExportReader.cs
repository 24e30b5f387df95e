using System.Runtime.CompilerServices;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.AdoNet;

namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>
/// Reads every live contact a filter matches, in id order, a page at a time with keyset paging (id greater than the
/// last one read), so an export of any size holds one page in memory and each page query starts at the primary key.
/// </summary>
public sealed class ContactExportReader(SqlStore store)
{
    public const int PageSize = 1000;

    /// <exception cref="ContactQueryException">A value does not fit its column.</exception>
    public async IAsyncEnumerable<StoredContact> ReadAsync(ContactFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var translation = new ContactFilterSql(store);
        var where = translation.Where(filter);
        var after = 0L;
        while (true)
        {
            var page = new List<StoredContact>(PageSize);
            await using (var connection = await store.OpenAsync(cancellationToken))
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT id, payload, last_active FROM contacts WHERE {ContactListReader.Live} AND {where} AND id > @after ORDER BY id LIMIT {PageSize}";
                foreach (var (name, value) in translation.Parameters)
                    command.AddParameter(name, value);
                command.AddParameter("@after", after);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    page.Add(new StoredContact(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1),
                        await reader.IsDBNullAsync(2, cancellationToken) ? null : store.ReadTimestamp(reader, 2)));
            }
            foreach (var contact in page)
                yield return contact;
            if (page.Count < PageSize)
                yield break;
            after = page[^1].Id;
        }
    }
}
