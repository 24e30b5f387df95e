using System.Diagnostics;
using System.Net;

namespace Actors.Cluster.Failover;

/// <summary>
/// Visitors hitting the pixel in a loop, each with its own cookie jar (so the service sees returning devices). Every
/// other visitor adds an email from a small pool to its hits, so one email arrives from several devices at once,
/// which is what could create two contacts for one person. Counts what the service acknowledged (200) and, per
/// second of sending, how many hits succeeded and failed; a hit's time is when it was sent.
/// </summary>
public sealed class HitLoad(FailoverOptions options)
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _acknowledged;
    private long _failed;
    private long _lastFailureTicks = -1;
    private readonly long[] _acknowledgedPerSecond = new long[3600];
    private readonly long[] _failedPerSecond = new long[3600];

    public long Acknowledged => Interlocked.Read(ref _acknowledged);
    public long Failed => Interlocked.Read(ref _failed);
    public TimeSpan Now => _clock.Elapsed;
    /// <summary>When the last failed hit was sent.</summary>
    public TimeSpan? LastFailure => Interlocked.Read(ref _lastFailureTicks) is var ticks and >= 0 ? TimeSpan.FromTicks(ticks) : null;

    /// <summary>Hits sent in the given second that were acknowledged and that failed.</summary>
    public (long Acknowledged, long Failed) InSecond(int second) =>
        (Interlocked.Read(ref _acknowledgedPerSecond[second]), Interlocked.Read(ref _failedPerSecond[second]));

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, options.Visitors).Select(visitor => Task.Run(() => VisitAsync(visitor, stop))));

    private async Task VisitAsync(int visitor, CancellationToken stop)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = options.Api, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        var email = visitor % 2 == 0 ? $"&email=person{visitor / 2 % options.Emails}%40example.com" : "";
        for (var page = 0; !stop.IsCancellationRequested; page++)
        {
            var url = $"/mtracking.gif?page_url=https%3A%2F%2Fshop.example.com%2Fp{page}&page_title=P{page}{email}";
            var sent = _clock.Elapsed;
            try
            {
                using var response = await http.GetAsync(url, stop);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref _acknowledged);
                    Interlocked.Increment(ref _acknowledgedPerSecond[(int)sent.TotalSeconds]);
                }
                else
                    RecordFailure(sent);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                RecordFailure(sent);
            }
        }
    }

    private void RecordFailure(TimeSpan sent)
    {
        Interlocked.Increment(ref _failed);
        Interlocked.Increment(ref _failedPerSecond[(int)sent.TotalSeconds]);
        long seen;
        while ((seen = Interlocked.Read(ref _lastFailureTicks)) < sent.Ticks && Interlocked.CompareExchange(ref _lastFailureTicks, sent.Ticks, seen) != seen)
        {
        }
    }
}
