using System.Data.Common;
using System.Text;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Text;

namespace Actors.Grains.Storage.Records;

/// <summary>
/// Lists the live rows (payload not cleared) of a record table, filtered and ordered in SQL, with the count of all
/// matches. It reads the read model, never a grain, so a row can lag its grain by the write in flight.
/// </summary>
public sealed class RecordTableReader(SqlStore store, RecordTable table)
{
    /// <exception cref="ArgumentException">A column of the query is not one of the table's.</exception>
    public Task<RecordPage> ReadAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        Check(query);
        return store.ReadAsync(async connection =>
        {
            var total = await CountAsync(connection, query, cancellationToken);
            await using var page = Page(connection, query);
            await using var reader = await page.ExecuteReaderAsync(cancellationToken);
            var records = new List<StoredRecord>();
            while (await reader.ReadAsync(cancellationToken))
                records.Add(Row(reader));
            return new RecordPage(records, total);
        }, cancellationToken);
    }

    /// <summary>How many live rows the query matches.</summary>
    /// <exception cref="ArgumentException">A column of the query is not one of the table's.</exception>
    public Task<long> CountAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        Check(query);
        return store.ReadAsync(connection => CountAsync(connection, query, cancellationToken), cancellationToken);
    }

    /// <summary>The query's page, however long, in batches of <paramref name="batchSize"/> read as the caller takes them (<see cref="SqlStore.StreamAsync{T}"/>).</summary>
    /// <exception cref="ArgumentException">A column of the query is not one of the table's.</exception>
    public IAsyncEnumerable<IReadOnlyList<StoredRecord>> StreamAsync(RecordQuery query, int batchSize, CancellationToken cancellationToken)
    {
        Check(query);
        return store.StreamAsync(connection => Page(connection, query), Row, batchSize, cancellationToken);
    }

    void Check(RecordQuery query)
    {
        foreach (var column in query.SearchColumns.Concat(query.Equal.Keys).Append(query.OrderBy))
        {
            if (!table.HasColumn(column))
                throw new ArgumentException($"{table.Name} has no column '{column}'.", nameof(query));
        }
    }

    async Task<long> CountAsync(DbConnection connection, RecordQuery query, CancellationToken cancellationToken)
    {
        await using var count = Filtered(connection, query, "SELECT count(*)", "");
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken));
    }

    DbCommand Page(DbConnection connection, RecordQuery query)
    {
        var direction = query.Descending ? "DESC" : "ASC";
        var page = Filtered(connection, query, "SELECT id, payload",
            $" ORDER BY {OrderExpression(query.OrderBy)} {direction}, id {direction} LIMIT @limit OFFSET @offset");
        page.AddParameter("@limit", query.Limit == 0 ? long.MaxValue : query.Limit);
        page.AddParameter("@offset", query.Start);
        return page;
    }

    static StoredRecord Row(DbDataReader reader) => new(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));

    DbCommand Filtered(DbConnection connection, RecordQuery query, string select, string tail)
    {
        var command = connection.CreateCommand();
        var sql = new StringBuilder(select).Append($" FROM {table.Name} WHERE payload IS NOT NULL");
        var index = 0;
        // A term is text to find, not a pattern: its own % and _ match only themselves.
        foreach (var term in query.SearchColumns.Count > 0 ? query.Search : [])
        {
            sql.Append(" AND (").AppendJoin(" OR ", query.SearchColumns.Select(c => $"{store.LowerFunction}({c}) LIKE @search{index}{LikePattern.EscapeClause}")).Append(')');
            command.AddParameter($"@search{index++}", "%" + LikePattern.Literal(LowerCase.Of(term)) + "%");
        }
        foreach (var (column, value) in query.Equal)
        {
            sql.Append($" AND {column} = @equal{index}");
            command.AddParameter($"@equal{index++}", value);
        }
        command.CommandText = sql.Append(tail).ToString();
        return command;
    }

    // Text orders without regard to case, as Mautic's lists do under MySQL's case-insensitive collation.
    string OrderExpression(string column)
        => table.Columns.Any(c => c.Name == column && c.Type == RecordColumnType.Text) ? $"{store.LowerFunction}({column})" : column;
}
