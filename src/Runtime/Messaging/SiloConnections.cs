using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Membership;
using Actors.Runtime.MembershipService;

namespace Actors.Runtime.Messaging;

/// <summary>
/// The outgoing side of cluster messaging: HTTP/2 cleartext (prior knowledge) to each peer's silo port over one
/// long-lived multiplexed connection per peer (SocketsHttpHandler keeps one pool per endpoint and, with
/// EnableMultipleHttp2Connections off, one connection in it). Probes and gossip share that connection with calls,
/// so a probe measures the path calls take.
/// </summary>
public sealed class SiloConnections : ISiloProber, IMembershipGossip, IDisposable
{
    public const string CallPath = "/cluster/v1/call";
    public const string PingPath = "/cluster/v1/ping";
    public const string GossipPath = "/cluster/v1/gossip";
    public const string ReportPath = "/cluster/v1/report";

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly ClusterIdentity _identity;

    public SiloConnections(ClusterIdentity identity)
    {
        _identity = identity;
        _http = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            ConnectTimeout = ConnectTimeout,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// Sends a call; the answer. Throws <see cref="HttpRequestException"/> or <see cref="IOException"/> when no HTTP/2
    /// connection to the silo's endpoint can be made or it ends: refused, reset, timed out, or a server there that does
    /// not speak HTTP/2, which .NET cannot always tell from a connection closed at once. That may pass (the silo
    /// restarts), and a server that is not a silo fails the probes too, so membership declares it dead. Throws
    /// <see cref="ClusterProtocolException"/> when an HTTP/2 server answers with something that is not a call answer:
    /// a server that is not a silo (another service on the port), which a call sent again would meet again.
    /// </summary>
    public async Task<CallAnswer> CallAsync(SiloAddress target, CallMessage message, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(Url(target, CallPath), message, WireJson.Options, cancellationToken);
        CallAnswer? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<CallAnswer>(WireJson.Options, cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw NotASilo(target, $"it answered {(int)response.StatusCode} ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}) with something that is not a call answer: {unreadable.Message}");
        }
        return answer ?? throw NotASilo(target, $"it answered {(int)response.StatusCode} without a call answer");
    }

    private static ClusterProtocolException NotASilo(SiloAddress target, string what)
        => new($"Silo {target} did not answer as a silo at {target.Endpoint} ({what}); is another server listening on its silo port?");

    public async Task<bool> ProbeAsync(SiloAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _http.PostAsJsonAsync(Url(target, PingPath),
                new PingMessage(_identity.ClusterId, _identity.SenderName, target.ToString()), WireJson.Options, deadline.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The silo's dashboard figures, or null when it refuses or does not answer within <paramref name="timeout"/>.</summary>
    public async Task<SiloFigures?> ReportAsync(SiloAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _http.PostAsJsonAsync(Url(target, ReportPath),
                new ReportRequest(_identity.ClusterId, _identity.SenderName, target.ToString()), WireJson.Options, deadline.Token);
            return response.IsSuccessStatusCode
                ? await response.Content.ReadFromJsonAsync<SiloFigures>(WireJson.Options, deadline.Token)
                : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Fire and forget, as Orleans gossips a death declaration: a peer that misses it reads the table at its next refresh.</summary>
    public void TableChanged(IEnumerable<SiloAddress> peers)
    {
        foreach (var peer in peers)
            _ = GossipAsync(peer);
    }

    private async Task GossipAsync(SiloAddress peer)
    {
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout);
            using var _ = await _http.PostAsJsonAsync(Url(peer, GossipPath), new GossipMessage(_identity.ClusterId, _identity.SenderName), WireJson.Options, timeout.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            // Gossip is best effort; the periodic refresh covers a peer that missed it.
        }
    }

    private static Uri Url(SiloAddress silo, string path) => new($"http://{silo.Endpoint}{path}");

    public void Dispose() => _http.Dispose();
}
