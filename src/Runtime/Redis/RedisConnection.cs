using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Runtime.Redis;

/// <summary>
/// A multiplexed connection to one Redis server, shared by every caller: commands from concurrent callers are
/// pipelined on one TCP connection and each caller gets its own reply (see <see cref="RedisSession"/>).
/// The connection is opened by the first command, with AUTH and SELECT from the options, and reopened by the first
/// command after it is lost; commands in flight when it is lost fail with <see cref="RedisConnectionException"/>
/// and are not retried, since they may have run. An error reply throws <see cref="RedisServerException"/> with
/// Redis's message. Per-connection state (WATCH, MULTI, SUBSCRIBE, blocking pops meant to be shared) does not fit
/// a connection every caller shares; atomic multi-key work goes through EVAL.
/// </summary>
public sealed class RedisConnection(RedisClientOptions options, ILogger<RedisConnection>? logger = null) : IAsyncDisposable, IDisposable
{
    private readonly ILogger _logger = logger ?? NullLogger<RedisConnection>.Instance;
    private readonly Lock _lock = new();
    private Task<RedisSession>? _session;
    private bool _disposed;

    public RedisClientOptions Options { get; } = options;

    /// <summary>Whether the current connection is open; false before the first command and after a loss.</summary>
    public bool IsConnected => _session is { IsCompletedSuccessfully: true, Result.IsAlive: true };

    public Task<RedisReply> ExecuteAsync(string command, params ReadOnlySpan<RedisArgument> arguments) =>
        ExecuteAsync(new RedisCommand(command, arguments));

    public async Task<RedisReply> ExecuteAsync(RedisCommand command, CancellationToken cancellationToken = default)
    {
        var session = await CurrentSession().WaitAsync(cancellationToken);
        var reply = await session.SendAsync(command, Options.CommandTimeout, cancellationToken);
        return reply.Type == RedisReplyType.Error
            ? throw new RedisServerException(reply.AsString() ?? "", command.Name)
            : reply;
    }

    private Task<RedisSession> CurrentSession()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_session is { IsCompleted: false } or { IsCompletedSuccessfully: true, Result.IsAlive: true })
                return _session;
            if (_session is { IsCompletedSuccessfully: true } lost)
                _ = lost.Result.DisposeAsync().AsTask();
            return _session = ConnectAsync();
        }
    }

    private async Task<RedisSession> ConnectAsync()
    {
        using var timeout = new CancellationTokenSource(Options.ConnectTimeout);
        RedisSession? session = null;
        try
        {
            session = await RedisSession.OpenAsync(Options, OnSessionFailed, timeout.Token);
            if (Options.Password is { } password)
                await Handshake(session, Options.User is { } user ? new RedisCommand("AUTH", user, password) : new RedisCommand("AUTH", password), timeout.Token);
            if (Options.Database != 0)
                await Handshake(session, new RedisCommand("SELECT", Options.Database), timeout.Token);
            _logger.Connected(Options.Endpoint);
            return session;
        }
        catch (Exception exception)
        {
            if (session is not null)
                await session.DisposeAsync();
            var failure = exception switch
            {
                RedisConnectionException known => known,
                OperationCanceledException when timeout.IsCancellationRequested =>
                    new RedisConnectionException($"Cannot connect to Redis at {Options.Endpoint}: no connection within {Options.ConnectTimeout}."),
                _ => new RedisConnectionException($"Cannot connect to Redis at {Options.Endpoint}: {exception.Message}", exception),
            };
            _logger.ConnectFailed(Options.Endpoint, failure);
            throw failure;
        }
    }

    private async Task Handshake(RedisSession session, RedisCommand command, CancellationToken cancellationToken)
    {
        var reply = await session.SendAsync(command, Options.ConnectTimeout, cancellationToken);
        if (reply.Type == RedisReplyType.Error)
            throw new RedisConnectionException($"Redis at {Options.Endpoint} refused {command.Name}: {reply.AsString()}");
    }

    private void OnSessionFailed(int pending, Exception exception)
    {
        if (exception is not ObjectDisposedException)
            _logger.ConnectionLost(Options.Endpoint, pending, exception);
    }

    public async ValueTask DisposeAsync()
    {
        Task<RedisSession>? session;
        lock (_lock)
        {
            _disposed = true;
            session = _session;
        }
        if (session is null)
            return;
        // A connect still under way finishes (or times out) first, so its socket is closed too.
        await ((Task)session).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (session.IsCompletedSuccessfully)
            await session.Result.DisposeAsync();
    }

    /// <summary>For containers disposed synchronously; closing the socket ends both loops at once, so this does not block for long.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
