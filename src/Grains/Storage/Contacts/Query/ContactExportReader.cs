using System.Runtime.CompilerServices;
using System.Text.Json;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.AdoNet;

namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>
/// Reads every live contact a filter matches, in id order, a page at a time with keyset paging (id greater than the
/// last one read), so an export of any size holds one page in memory and each page query starts at the primary key.
/// The values come from the row's query columns (the JSON of every field value, points, stage), which the grain storage
/// writes with the payload in one statement: an export reads every contact, and deserializing whole payloads (import
/// lines, identifiers, a time per field) was most of its per-row cost. Like the list's search, it shows a value without
/// the NUL characters that PostgreSQL text columns cannot hold.
/// </summary>
public sealed class ContactExportReader(SqlStore store)
{
    public const int PageSize = 1000;

    static readonly IReadOnlyDictionary<string, string?> Empty = new Dictionary<string, string?>();

    /// <exception cref="ContactQueryException">A value does not fit its column.</exception>
    public async IAsyncEnumerable<ExportedContact> ReadAsync(ContactFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var translation = new ContactFilterSql(store);
        var where = translation.Where(filter);
        var after = 0L;
        while (true)
        {
            var page = new List<ExportedContact>(PageSize);
            await using (var connection = await store.OpenAsync(cancellationToken))
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT id, fields, points, stage FROM contacts WHERE {ContactListReader.Live} AND {where} AND id > @after ORDER BY id LIMIT {PageSize}";
                foreach (var (name, value) in translation.Parameters)
                    command.AddParameter(name, value);
                command.AddParameter("@after", after);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    page.Add(new ExportedContact(reader.GetInt64(0),
                        reader.IsDBNull(1) ? Empty : JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(1)) ?? Empty,
                        reader.IsDBNull(2) ? 0 : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
            foreach (var contact in page)
                yield return contact;
            if (page.Count < PageSize)
                yield break;
            after = page[^1].Id;
        }
    }
}
