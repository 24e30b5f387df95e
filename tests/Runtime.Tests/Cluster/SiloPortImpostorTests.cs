using System.Net;
using System.Net.Sockets;
using System.Text;
using Actors.Runtime.Membership;
using Actors.Runtime.MembershipService;
using Actors.Runtime.Placement;
using Actors.Runtime.Tests.TestGrains;
using Actors.Runtime.TestingHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>
/// A call to a silo address where an HTTP/2 server other than a silo answers (a misconfigured port, another service on
/// the host) fails as a <see cref="ClusterProtocolException"/>: the same message to the same address meets the same
/// answer, so it is no "try again". An address where no HTTP/2 connection can be made stays a transient
/// <see cref="SiloUnavailableException"/>: the silo may be restarting, and membership soon says so. The impostor is
/// written into the membership table as an Active silo, as a row naming the wrong port would be.
/// </summary>
public sealed class SiloPortImpostorTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    // Nothing probes the impostor to death while a test calls it.
    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(silos: 1, options => options.Settings["ClusterMembership:NumMissedProbesLimit"] = "1000");

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData("html", "answered 200 (text/html) with something that is not a call answer")]
    [InlineData("empty-404", "answered 404 (no content type) with something that is not a call answer")]
    [InlineData("null", "answered 200 without a call answer")]
    public async Task A_server_that_is_not_a_silo_answering_on_the_silo_port_is_a_protocol_failure_not_to_retry(string impostor, string told)
    {
        await using var server = await Impostor.StartAsync(impostor);

        var failure = await Assert.ThrowsAsync<ClusterProtocolException>(() => CallOwnedByAsync(server.Port));

        Assert.False(TransientCallFailure.Is(failure));
        Assert.Contains(told, failure.Message);
        Assert.Contains("is another server listening on its silo port?", failure.Message);
    }

    /// <summary>
    /// No HTTP/2 connection: nothing listens, or an HTTP/1.1 server answers the preface (.NET reports that either as a
    /// protocol error or as a handshake the server did not complete, which a silo closing at once gives too).
    /// </summary>
    [Theory]
    [InlineData("nothing")]
    [InlineData("http1")]
    public async Task A_silo_port_that_makes_no_http2_connection_is_unavailable_and_transient(string impostor)
    {
        await using var server = impostor == "nothing" ? null : await Impostor.StartAsync(impostor);

        var failure = await Assert.ThrowsAsync<SiloUnavailableException>(() => CallOwnedByAsync(server?.Port ?? FreePort()));

        Assert.True(TransientCallFailure.Is(failure));
    }

    /// <summary>Makes the silo at <paramref name="port"/> an Active member and calls a grain its ring owns.</summary>
    private async Task CallOwnedByAsync(int port)
    {
        var impostor = new SiloAddress("127.0.0.1", port, SiloAddress.NewGeneration());
        var data = await _cluster.MembershipTable.ReadAll();
        var now = DateTimeOffset.UtcNow;
        Assert.True(await _cluster.MembershipTable.InsertRow(
            new MembershipEntry { Silo = impostor, Status = SiloStatus.Active, StartTime = now, IAmAliveTime = now }, data.Version.Next()));
        await _cluster.ClientServices.GetRequiredService<IClusterMembershipService>().RefreshAsync();
        var placement = _cluster.ClientServices.GetRequiredService<GrainPlacement>();
        var key = Enumerable.Range(0, 1000).Select(i => $"impostor-{i}").First(k => placement.Current.OwnerOf(new GrainId("clusterprobe", k)) == impostor);

        await _cluster.Client.GetGrain<IClusterProbeGrain>(key).Report();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Impostor(WebApplication? app, TcpListener? listener, Task? serving, int port) : IAsyncDisposable
    {
        public int Port => port;

        public static async Task<Impostor> StartAsync(string kind)
        {
            if (kind == "http1")
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                return new Impostor(null, listener, AnswerHttp1Async(listener), ((IPEndPoint)listener.LocalEndpoint).Port);
            }
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
            var app = builder.Build();
            app.Run(context => kind switch
            {
                "html" => Html(context.Response),
                "null" => context.Response.WriteAsync("null"),
                _ => Task.FromResult(context.Response.StatusCode = StatusCodes.Status404NotFound),
            });
            await app.StartAsync();
            return new Impostor(app, null, null, new Uri(app.Urls.First()).Port);
        }

        private static Task Html(HttpResponse response)
        {
            response.ContentType = "text/html";
            return response.WriteAsync("<html><body>Welcome to nginx!</body></html>");
        }

        /// <summary>Answers every connection (the silo's probes have theirs) as an HTTP/1.1 server answers a request it cannot parse.</summary>
        private static async Task AnswerHttp1Async(TcpListener listener)
        {
            var connections = new List<Task>();
            try
            {
                while (true)
                    connections.Add(AnswerHttp1Async(await listener.AcceptTcpClientAsync()));
            }
            catch (Exception stopped) when (stopped is SocketException or ObjectDisposedException or InvalidOperationException)
            {
            }
            await Task.WhenAll(connections);
        }

        private static async Task AnswerHttp1Async(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[4096];
                try
                {
                    _ = await stream.ReadAsync(buffer);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
                    // Closed by the client once it has read the answer: a close from here could reset the connection
                    // before the client reads it, which is a failure to connect, not an answer.
                    while (await stream.ReadAsync(buffer) > 0)
                    {
                    }
                }
                catch (IOException)
                {
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (app is not null)
                await app.DisposeAsync();
            listener?.Stop();
            if (serving is not null)
                await serving;
        }
    }
}
