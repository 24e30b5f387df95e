using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Redis;

/// <summary>The Redis client's log messages.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(101, LogLevel.Information, "Connected to Redis at {Endpoint}")]
    public static partial void Connected(this ILogger logger, string endpoint);

    [LoggerMessage(102, LogLevel.Warning, "Could not connect to Redis at {Endpoint}")]
    public static partial void ConnectFailed(this ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(103, LogLevel.Warning, "Lost the connection to Redis at {Endpoint}; {Pending} commands in flight failed")]
    public static partial void ConnectionLost(this ILogger logger, string endpoint, int pending, Exception exception);
}
