using System.Data.Common;
using System.Runtime.CompilerServices;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.AdoNet;

namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>
/// Reads every live contact a filter matches, in id order, a page at a time with keyset paging (id greater than the
/// last one read), so an export of any size holds two pages in memory and each page query starts at the primary key.
/// The next page is read while the caller writes the current one, so the database and the export's writer work at
/// the same time instead of taking turns. The values come from the row's query columns (the JSON of every field value,
/// points, stage, last_active), which the grain storage writes with the payload in one statement: an export reads every contact,
/// and deserializing whole payloads (import lines, identifiers, a time per field) was most of its per-row cost. Like
/// the list's search, it shows a value without the NUL characters that PostgreSQL text columns cannot hold.
/// </summary>
public sealed class ContactExportReader(SqlStore store)
{
    /// <summary>Rows per page query: large enough that a query's round trip is small beside its rows.</summary>
    public const int PageSize = 5000;

    /// <summary>
    /// The contacts <paramref name="filter"/> matches. The filter is translated now, not when the enumeration starts, so
    /// that a filter the database cannot take is refused before the caller has started its response.
    /// </summary>
    /// <exception cref="ContactQueryException">A value does not fit its column.</exception>
    public IAsyncEnumerable<ExportedContact> ReadAsync(ContactFilter filter, CancellationToken cancellationToken)
    {
        var translation = new ContactFilterSql(store);
        var sql = $"SELECT id, fields, points, stage, last_active FROM contacts WHERE {ContactListReader.Live} AND {translation.Where(filter)} AND id > @after ORDER BY id LIMIT {PageSize}";
        return ReadPagesAsync(sql, translation.Parameters, cancellationToken);
    }

    async IAsyncEnumerable<ExportedContact> ReadPagesAsync(string sql, IReadOnlyList<KeyValuePair<string, object?>> parameters,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = await ReadPageAsync(sql, parameters, after: 0, cancellationToken);
        Task<List<ExportedContact>>? next = null;
        try
        {
            while (true)
            {
                next = page.Count < PageSize ? null : ReadPageAsync(sql, parameters, page[^1].Id, cancellationToken);
                foreach (var contact in page)
                    yield return contact;
                if (next is null)
                    yield break;
                page = await next;
                next = null;
            }
        }
        finally
        {
            // A caller that stops early (the client went away) lets the page under way finish, so its connection goes
            // back to the pool and its failure, if any, is observed here rather than by the finalizer.
            if (next is not null)
            {
                await Task.WhenAny(next);
                _ = next.Exception;
            }
        }
    }

    Task<List<ExportedContact>> ReadPageAsync(string sql, IReadOnlyList<KeyValuePair<string, object?>> parameters, long after, CancellationToken cancellationToken) =>
        store.ReadAsync(connection => ReadPageAsync(connection, sql, parameters, after, cancellationToken), cancellationToken);

    async Task<List<ExportedContact>> ReadPageAsync(DbConnection connection, string sql, IReadOnlyList<KeyValuePair<string, object?>> parameters, long after,
        CancellationToken cancellationToken)
    {
        var page = new List<ExportedContact>(PageSize);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.AddParameter(name, value);
        command.AddParameter("@after", after);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            page.Add(new ExportedContact(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? 0 : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : store.ReadTimestamp(reader, 4)));
        return page;
    }
}
