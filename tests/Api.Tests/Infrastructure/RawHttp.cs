using System.Net.Sockets;
using System.Text;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>
/// One HTTP/1.1 request written by hand on a connection of its own, read to the connection's end: for what a client
/// library will not send (a chunk size past 64 bits) or hides (the bytes after a HEAD's headers). The request should
/// say <c>Connection: close</c>, so that the server ends the connection after its answer.
/// </summary>
internal static class RawHttp
{
    /// <summary>The Authorization header line of the administrator every <see cref="ApiFactory"/> configures, or nothing.</summary>
    public static string SignIn(bool signedIn) => signedIn ? $"Authorization: {ApiFactory.Basic()}\r\n" : "";

    /// <summary>Sends <paramref name="request"/> to <paramref name="address"/> and answers every byte the server sent back.</summary>
    public static async Task<byte[]> ExchangeAsync(Uri address, string request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.Host, address.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer)) > 0)
            received.Write(buffer, 0, read);
        return received.ToArray();
    }
}
