using System.Net;
using System.Net.Sockets;

namespace Actors.Runtime.Tests.Redis;

/// <summary>
/// A TCP server on loopback that answers every read on its n-th connection with <c>replies(n)</c>: a stand-in for a
/// broken server, since a real one never sends malformed RESP.
/// </summary>
public sealed class FakeRedisServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, byte[]> _replies;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public FakeRedisServer(Func<int, byte[]> replies)
    {
        _replies = replies;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string ConnectionString => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port},commandTimeout=2000";

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            for (var index = 0; ; index++)
                connections.Add(AnswerAsync(await _listener.AcceptTcpClientAsync(_stop.Token), _replies(index)));
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(connections);
    }

    private async Task AnswerAsync(TcpClient client, byte[] reply)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[4096];
            try
            {
                while (await stream.ReadAsync(buffer, _stop.Token) > 0)
                    await stream.WriteAsync(reply, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
    }
}
