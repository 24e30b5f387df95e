using System.Net;
using System.Net.Sockets;
using System.Text;
using Actors.Runtime.Tests.Infrastructure;
using Actors.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Actors.Silo.Tests.Hosting;

/// <summary>
/// Kestrel holds at most Server:MaxConnections connections: idle sockets past the cap are closed as they arrive, rather
/// than taking the file descriptors the process needs, and the service answers again once the held ones close.
/// </summary>
public sealed class ConnectionLimitTests : IAsyncLifetime
{
    const int Cap = 2;
    WebApplication app = null!;
    IPEndPoint endpoint = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration[$"{ConnectionLimitOptions.SectionName}:MaxConnections"] = Cap.ToString();
        builder.Services.AddConnectionLimit(builder.Configuration);
        app = builder.Build();
        app.MapGet("/healthz", () => "Healthy");
        await app.StartAsync();
        var url = new Uri(app.Urls.Single());
        endpoint = new IPEndPoint(IPAddress.Parse(url.Host), url.Port);
    }

    [Fact]
    public async Task Connections_over_the_cap_are_closed_and_the_service_answers_once_the_held_ones_close()
    {
        var held = new List<Socket>();
        for (var i = 0; i < Cap; i++)
            held.Add(await KeptAliveAsync());

        using (var over = await ConnectAsync())
        {
            // Closed by the server before any request: the read ends (0 bytes, or a reset) without an answer.
            await SendAsync(over);
            Assert.Equal("", await ReadAnswerOrEndAsync(over));
        }

        foreach (var socket in held)
            socket.Dispose();
        // Kestrel frees a held connection's place once it has seen the close, which no event tells a client.
        await Eventually.WaitUntilAsync(async () =>
        {
            using var socket = await ConnectAsync();
            await SendAsync(socket);
            return (await ReadAnswerOrEndAsync(socket)).StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30));
    }

    /// <summary>A connection that has had an answer, so Kestrel counts it, and stays open idle.</summary>
    async Task<Socket> KeptAliveAsync()
    {
        var socket = await ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
        var buffer = new byte[1024];
        var answer = Encoding.ASCII.GetString(buffer, 0, await socket.ReceiveAsync(buffer));
        Assert.StartsWith("HTTP/1.1 200", answer);
        return socket;
    }

    async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint);
        return socket;
    }

    static async Task SendAsync(Socket socket)
    {
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        }
        catch (SocketException)
        {
            // Already reset by the server.
        }
    }

    /// <summary>Everything the server sends until it closes; empty when it closes (or resets) without answering.</summary>
    static async Task<string> ReadAnswerOrEndAsync(Socket socket)
    {
        var answer = new StringBuilder();
        var buffer = new byte[1024];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer)) > 0)
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        catch (SocketException)
        {
        }
        return answer.ToString();
    }

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
