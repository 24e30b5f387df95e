using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Errors;
using Actors.Grains.Storage.Records;

namespace Actors.Api.Lists;

/// <summary>Finds the reader of a record table; the in-memory storage (for tests) has none, which a list answers with 501.</summary>
public static class RecordLists
{
    public static RecordTableReader? Reader(HttpContext http, string table)
    {
        try
        {
            return http.RequestServices.GetRequiredKeyedService<RecordTableReader>(table);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The page of <paramref name="query"/> as a <see cref="StreamedList"/> under <paramref name="name"/>, each row written
    /// by <paramref name="entry"/>: keyed by id, or an array when not <paramref name="keyed"/>. A long page (limit 0 among
    /// them) streams in batches once it has one of the <see cref="StreamSlots"/> (else the 503 of <see cref="StreamSlots.Busy"/>);
    /// a short one is read whole first.
    /// </summary>
    public static async Task<IResult> ListAsync(HttpContext http, RecordTableReader reader, RecordQuery query, string name, bool keyed, Func<StoredRecord, JsonNode> entry,
        CancellationToken cancellationToken)
    {
        long total;
        IAsyncEnumerable<IReadOnlyList<StoredRecord>> batches;
        IDisposable? slot = null;
        if (StreamedList.Streams(query.Limit))
        {
            if ((slot = await http.RequestServices.GetRequiredService<StreamSlots>().TakeAsync(http)) is null)
                return StreamSlots.Busy(http);
            (total, batches) = (await reader.CountAsync(query, cancellationToken), reader.StreamAsync(query, StreamedList.BatchSize, cancellationToken));
        }
        else
        {
            var page = await reader.ReadAsync(query, cancellationToken);
            (total, batches) = (page.Total, new[] { page.Records }.ToAsyncEnumerable());
        }
        return new StreamedList(total, name, keyed, batches.Select(batch =>
            batch.Select(record => KeyValuePair.Create(record.Id.ToString(CultureInfo.InvariantCulture), entry(record)))), slot);
    }

    public static IResult NoTable(string table)
        => ApiErrors.Problem(StatusCodes.Status501NotImplemented, $"The {table} list reads the {table} table, which the Memory storage provider does not have.");
}
