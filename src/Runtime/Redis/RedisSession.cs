using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Actors.Runtime.Redis;

/// <summary>
/// One TCP connection to Redis and its two loops. The writer loop takes every command queued since its last pass,
/// records it as awaiting a reply, writes it, and flushes once per pass, so concurrent callers' commands share
/// round trips (pipelining). The reader loop decodes replies and completes the oldest awaiting command with each,
/// since Redis answers in order. Whatever breaks the stream (end of stream, a socket error, undecodable bytes, an
/// unsolicited reply) fails the session: every command awaiting a reply or still queued fails with one exception,
/// and the owner replaces the session on its next command. A session is never repaired.
/// </summary>
internal sealed class RedisSession : IAsyncDisposable
{
    private sealed record PendingCommand(RedisCommand Command, TaskCompletionSource<RedisReply> Reply)
    {
        public long WrittenAt { get; set; }
    }

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<PendingCommand> _queue = Channel.CreateUnbounded<PendingCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<PendingCommand> _awaitingReply = new();
    private readonly Lock _lock = new();
    private readonly Action<int, Exception> _onFailed;
    private readonly Task _writing;
    private readonly Task _reading;
    private Exception? _failure;
    private long _lastReplyAt;

    private RedisSession(Socket socket, string endpoint, Action<int, Exception> onFailed)
    {
        _socket = socket;
        Endpoint = endpoint;
        _onFailed = onFailed;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream);
        _output = PipeWriter.Create(_stream);
        _writing = Task.Run(WriteLoopAsync);
        _reading = Task.Run(ReadLoopAsync);
    }

    public string Endpoint { get; }

    public bool IsAlive => Volatile.Read(ref _failure) is null;

    /// <summary>Opens the TCP connection; AUTH and SELECT are the owner's first commands on it.</summary>
    public static async Task<RedisSession> OpenAsync(RedisClientOptions options, Action<int, Exception> onFailed, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken);
            return new RedisSession(socket, options.Endpoint, onFailed);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<RedisReply> SendAsync(RedisCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = new PendingCommand(command, new TaskCompletionSource<RedisReply>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            throw Lost(Volatile.Read(ref _failure));
        try
        {
            return await pending.Reply.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // A slow reply behind others is not a dead server; but nothing read at all since this command went out
            // is what a half-open connection looks like, and waiting on it would time out every later command too.
            if (Interlocked.Read(ref _lastReplyAt) < pending.WrittenAt)
                Fail(new RedisTimeoutException($"Redis at {Endpoint} sent nothing for {timeout}; the connection was closed."));
            throw new RedisTimeoutException($"Redis at {Endpoint} did not answer {command.Name} within {timeout}.");
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (_queue.Reader.TryRead(out var pending))
                {
                    lock (_lock)
                    {
                        if (_failure is not null)
                        {
                            pending.Reply.TrySetException(Lost(_failure));
                            continue;
                        }
                        pending.WrittenAt = Environment.TickCount64;
                        _awaitingReply.Enqueue(pending);
                    }
                    _output.Write(pending.Command.Payload);
                }
                var flush = await _output.FlushAsync();
                if (flush.IsCompleted)
                    throw new IOException("The connection was closed.");
            }
        }
        catch (Exception exception)
        {
            Fail(exception);
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync();
                var buffer = result.Buffer;
                while (RespReader.TryRead(ref buffer, out var reply))
                    Complete(reply);
                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                    throw new IOException(buffer.IsEmpty ? "The server closed the connection." : "The server closed the connection in the middle of a reply.");
            }
        }
        catch (Exception exception)
        {
            Fail(exception);
        }
    }

    private void Complete(RedisReply reply)
    {
        PendingCommand? pending;
        lock (_lock)
            _awaitingReply.TryDequeue(out pending);
        if (pending is null)
            throw new RedisProtocolException("The server sent a reply to no command.");
        Interlocked.Exchange(ref _lastReplyAt, Environment.TickCount64);
        pending.Reply.TrySetResult(reply);
    }

    private void Fail(Exception exception)
    {
        List<PendingCommand> failed;
        lock (_lock)
        {
            if (_failure is not null)
                return;
            _failure = exception;
            failed = [.. _awaitingReply];
            _awaitingReply.Clear();
        }
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var queued))
            failed.Add(queued);
        var lost = Lost(exception);
        foreach (var pending in failed)
            pending.Reply.TrySetException(lost);
        _socket.Dispose();
        _onFailed(failed.Count, exception);
    }

    private RedisConnectionException Lost(Exception? cause) => cause switch
    {
        RedisProtocolException protocol => new RedisConnectionException($"Redis at {Endpoint} sent a malformed reply: {protocol.Message}", protocol),
        RedisTimeoutException timeout => new RedisConnectionException(timeout.Message, timeout),
        ObjectDisposedException => new RedisConnectionException($"The connection to Redis at {Endpoint} was closed by its owner.", cause),
        _ => new RedisConnectionException($"Lost the connection to Redis at {Endpoint}: {cause?.Message}", cause),
    };

    public async ValueTask DisposeAsync()
    {
        Fail(new ObjectDisposedException(nameof(RedisConnection)));
        await Task.WhenAll(_writing, _reading);
        await _stream.DisposeAsync();
    }
}
