using System.Data.Common;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.AdoNet;

namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>
/// Lists contacts from the contacts table, the read model: live rows only (not cleared, not merged away), filtered
/// and ordered in SQL, with the count of all matches. It never asks a grain, so a row can lag its grain by the
/// write in flight, which a list may.
/// </summary>
public sealed class ContactListReader(SqlStore store)
{
    // A deleted contact keeps an emptied row (no date_added) so its version keeps counting; it is not listed.
    internal const string Live = "payload IS NOT NULL AND merged_into IS NULL AND date_added IS NOT NULL";

    static readonly ContactOrder[] DefaultOrder = [new(ContactColumns.LastActive, Descending: true)];

    /// <exception cref="ContactQueryException">A value does not fit its column.</exception>
    public Task<ContactListPage> ReadAsync(ContactListQuery query, CancellationToken cancellationToken)
    {
        var sql = new Statements(store, query);
        return store.ReadAsync(async connection =>
        {
            var total = await sql.CountAsync(connection, cancellationToken);
            await using var page = sql.Page(connection);
            await using var reader = await page.ExecuteReaderAsync(cancellationToken);
            var contacts = new List<StoredContact>();
            while (await reader.ReadAsync(cancellationToken))
                contacts.Add(sql.Row(reader));
            return new ContactListPage(contacts, total);
        }, cancellationToken);
    }

    /// <summary>How many live contacts the query's filter matches.</summary>
    /// <exception cref="ContactQueryException">A value does not fit its column.</exception>
    public Task<long> CountAsync(ContactListQuery query, CancellationToken cancellationToken)
    {
        var sql = new Statements(store, query);
        return store.ReadAsync(connection => sql.CountAsync(connection, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The query's page, however long, in batches of <paramref name="batchSize"/> read as the caller takes them
    /// (<see cref="SqlStore.StreamAsync{T}"/>). The filter is translated now, so that one the database cannot take is
    /// refused before the caller starts its answer.
    /// </summary>
    /// <exception cref="ContactQueryException">A value does not fit its column.</exception>
    public IAsyncEnumerable<IReadOnlyList<StoredContact>> StreamAsync(ContactListQuery query, int batchSize, CancellationToken cancellationToken)
    {
        var sql = new Statements(store, query);
        return store.StreamAsync(sql.Page, sql.Row, batchSize, cancellationToken);
    }

    /// <summary>The list's two statements, translated once: the count of every match and the ordered page.</summary>
    sealed class Statements
    {
        readonly SqlStore store;
        readonly ContactListQuery query;
        readonly ContactFilterSql translation;
        readonly string where;
        readonly int filterParameters;
        readonly string orderBy;

        public Statements(SqlStore store, ContactListQuery query)
        {
            this.store = store;
            this.query = query;
            translation = new ContactFilterSql(store);
            where = translation.Where(query.Filter);
            filterParameters = translation.Parameters.Count;
            orderBy = translation.OrderBy(query.Order.Count > 0 ? query.Order : DefaultOrder);
        }

        public async Task<long> CountAsync(DbConnection connection, CancellationToken cancellationToken)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM contacts WHERE {Live} AND {where}";
            foreach (var (name, value) in translation.Parameters.Take(filterParameters))
                count.AddParameter(name, value);
            return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken));
        }

        public DbCommand Page(DbConnection connection)
        {
            var page = connection.CreateCommand();
            page.CommandText = $"SELECT id, payload, last_active FROM contacts WHERE {Live} AND {where} ORDER BY {orderBy} LIMIT @limit OFFSET @offset";
            foreach (var (name, value) in translation.Parameters)
                page.AddParameter(name, value);
            page.AddParameter("@limit", query.Limit == 0 ? long.MaxValue : query.Limit);
            page.AddParameter("@offset", query.Start);
            return page;
        }

        public StoredContact Row(DbDataReader reader) =>
            new(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.IsDBNull(2) ? null : store.ReadTimestamp(reader, 2));
    }

    /// <summary>Every user id some live contact names as its owner, read through the owned contacts' index (contacts_owner).</summary>
    public async Task<IReadOnlyList<long>> ReadOwnerIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The unary plus keeps SQLite, which has no statistics to tell it that nearly every row is unmerged, from
        // walking the merged_into index instead; PostgreSQL, whose planner has them, reads it as the plain column.
        command.CommandText = "SELECT DISTINCT owner_id FROM contacts WHERE owner_id IS NOT NULL AND payload IS NOT NULL AND +merged_into IS NULL AND date_added IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var owners = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
            owners.Add(reader.GetInt64(0));
        return owners;
    }

    /// <summary>
    /// Every tag some live contact holds. It reads every row's payload, so it is for operator pages (the tag list), not
    /// for hot paths.
    /// </summary>
    public Task<IReadOnlyList<string>> ReadTagsAsync(CancellationToken cancellationToken) => store.ReadAsync<IReadOnlyList<string>>(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = store.Dialect == Runtime.Persistence.Migrations.SqlDialect.Sqlite
            ? $"SELECT DISTINCT CAST(tag.value AS TEXT) FROM contacts, json_each(CAST(contacts.payload AS TEXT), '$.tags') AS tag WHERE {Live}"
            : $"SELECT DISTINCT tag FROM contacts, jsonb_array_elements_text(convert_from(payload, 'UTF8')::jsonb -> 'tags') AS tag WHERE {Live}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tags = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            tags.Add(reader.GetString(0));
        return tags;
    }, cancellationToken);
}
