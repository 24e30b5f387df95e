using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Actors.Api.Lists;

/// <summary>
/// A list answer, {"total":…,"&lt;name&gt;":{"&lt;id&gt;":{…},…}} (or an array of entries), written to the response as its
/// entries arrive instead of built whole first: Mautic's limit=0 lists every row, and a body of a million contacts built in
/// memory took the process past a gigabyte. Each entry is built, written and dropped, and the response is flushed every
/// <see cref="FlushBytes"/>, so memory holds one batch of rows and one entry whatever the list's length. The bytes are
/// those Results.Json writes for the same object: the same serializer options and encoder, members in the same order.
/// A page short enough to be read whole (<see cref="BufferedLimit"/>) comes from one finished query, so its connection
/// is free before a slow client reads it; a longer one holds its query's connection until written, and so its
/// <paramref name="slot"/> among the <see cref="StreamSlots"/>, which goes back as soon as the last entry is written.
/// </summary>
public sealed class StreamedList(JsonNode total, string name, bool keyed, IAsyncEnumerable<IEnumerable<KeyValuePair<string, JsonNode>>> batches,
    IDisposable? slot = null) : IResult
{
    /// <summary>The longest page read whole before it is written; any longer limit, and 0 (all), streams.</summary>
    public const long BufferedLimit = 500;

    /// <summary>Rows per batch of a streamed page: the rows in memory at once.</summary>
    public const int BatchSize = 100;

    /// <summary>Bytes written before the response is flushed, which also waits for a slow client.</summary>
    private const int FlushBytes = 32 * 1024;

    /// <summary>Whether a page of <paramref name="limit"/> entries (0 for all) streams rather than being read whole.</summary>
    public static bool Streams(long limit) => limit == 0 || limit > BufferedLimit;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (slot)
            await WriteAsync(httpContext);
    }

    private async Task WriteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented });
        json.WriteStartObject();
        json.WritePropertyName("total");
        total.WriteTo(json, options);
        if (keyed)
            json.WriteStartObject(name);
        else
            json.WriteStartArray(name);
        // Counted from the writer's total, not BytesPending: writing to a PipeWriter, it hands each full buffer segment
        // (a few KB) to the pipe and starts BytesPending again, so BytesPending never reached FlushBytes and nothing
        // was flushed before the end: the whole answer gathered in the response pipe, and a slow client held its memory.
        long flushed = 0;
        await foreach (var batch in batches.WithCancellation(cancellationToken))
        {
            foreach (var (id, entry) in batch)
            {
                if (keyed)
                    json.WritePropertyName(id);
                entry.WriteTo(json, options);
                if (json.BytesCommitted + json.BytesPending - flushed < FlushBytes)
                    continue;
                json.Flush();
                flushed = json.BytesCommitted;
                // Completed: the client is gone, and nothing more will be read.
                if ((await response.BodyWriter.FlushAsync(cancellationToken)).IsCompleted)
                    return;
            }
        }
        if (keyed)
            json.WriteEndObject();
        else
            json.WriteEndArray();
        json.WriteEndObject();
        // Left to the server to send, as Results.Json leaves it: a short answer then gets its Content-Length.
        json.Flush();
    }
}
