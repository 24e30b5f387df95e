using System.Globalization;
using Actors.Api.Auth;
using Actors.Api.Errors;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Actors.Api.Lists;

/// <summary>
/// Bounds the streamed answers (a list page past <see cref="StreamedList.BufferedLimit"/> rows, limit=0 among them, and
/// the export) that run at once in this process. Such an answer reads the database while its client reads the
/// response, so it holds a connection (a list page holds one for the whole answer; an export reads a page of rows at a
/// time, which a client reading fast, or an .xlsx written to its temporary file first, keeps back to back) for as long
/// as the client takes, and Kestrel's minimum response data rate (240 bytes/s) lets a slow client take hours. On
/// PostgreSQL every connection comes from the one Npgsql pool that grain storage, tracking's group commit and every
/// other read share, so enough slow streams would leave tracking waiting for a connection (and failing after the
/// pool's Timeout); on SQLite each held read keeps the WAL from being reset while writes go on.
/// A request takes a slot before its first query and gives it back when its answer is written or the request ends,
/// however it ends. One that finds none free waits up to <see cref="ApiOptions.StreamQueueTimeout"/>, so a burst of
/// short streams queues, and is then refused with 503 and Retry-After: the process is busy, not the client at fault
/// (a 429 would tell it that it sent too much), and the refusal says that a page of at most 500 rows is never refused.
/// </summary>
public sealed partial class StreamSlots(IOptions<ApiOptions> options, IOptions<StorageOptions> storage, ILogger<StreamSlots> logger)
{
    /// <summary>What a refused request is told.</summary>
    public const string BusyMessage = "Too many long lists and exports are being answered at once; try again in a few seconds, or ask for pages of at most 500 rows, which are never refused.";

    /// <summary>Seconds a refused client should wait: a long answer takes seconds at least.</summary>
    public const int RetryAfterSeconds = 5;

    private readonly TimeSpan _wait = options.Value.StreamQueueTimeout;
    private readonly SemaphoreSlim _free = new(Capacity(options.Value, storage.Value));

    /// <summary>
    /// The configured <see cref="ApiOptions.MaxConcurrentStreams"/>, else <see cref="ApiOptions.DefaultMaxConcurrentStreams"/>
    /// of the PostgreSQL connection string's Max Pool Size, or of Npgsql's default pool for SQLite, whose pool has no bound.
    /// </summary>
    public static int Capacity(ApiOptions options, StorageOptions storage)
        => options.MaxConcurrentStreams ?? ApiOptions.DefaultMaxConcurrentStreams(PostgreSqlPoolSize(storage) ?? ApiOptions.NpgsqlDefaultPoolSize);

    /// <summary>The Max Pool Size of the PostgreSQL connection string (Npgsql's default where it names none); null on another store.</summary>
    public static int? PostgreSqlPoolSize(StorageOptions storage)
        => StorageOptions.TryParseProvider(storage.Provider, out var provider) && provider == StorageProvider.PostgreSql && storage.ConnectionString is { } connectionString
            ? new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize
            : null;

    /// <summary>
    /// A slot for <paramref name="http"/>'s streamed answer, or null when none came free in time. The slot goes back when
    /// it is disposed, or at the latest when the request ends.
    /// </summary>
    /// <exception cref="OperationCanceledException">The client left while waiting.</exception>
    public async Task<IDisposable?> TakeAsync(HttpContext http)
    {
        if (!await _free.WaitAsync(_wait, http.RequestAborted))
        {
            LogRefused(logger, http.Request.Method, http.Request.Path);
            return null;
        }
        var slot = new Slot(_free);
        http.Response.RegisterForDispose(slot);
        return slot;
    }

    /// <summary>The answer to a request that found no slot: 503 with Retry-After, in the API's error format.</summary>
    public static IResult Busy(HttpContext http)
    {
        http.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return ApiErrors.Problem(StatusCodes.Status503ServiceUnavailable, BusyMessage);
    }

    [LoggerMessage(41, LogLevel.Warning, "API request {Method} {Path} answered 503: every slot for streamed answers (Api:MaxConcurrentStreams) stayed taken")]
    private static partial void LogRefused(ILogger logger, string method, string path);

    /// <summary>Gives its slot back once, however many times it is disposed.</summary>
    private sealed class Slot(SemaphoreSlim free) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                free.Release();
        }
    }
}
