namespace Actors.Runtime.Redis;

/// <summary>Any failure of a Redis command other than a timeout.</summary>
public class RedisException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>Redis answered the command with an error reply; the message is Redis's own ("ERR ...", "WRONGTYPE ...").</summary>
public sealed class RedisServerException(string message, string command) : RedisException(message)
{
    public string Command { get; } = command;
}

/// <summary>
/// The connection could not be made, or was lost while the command was sent or awaited its reply. A command that
/// fails this way may or may not have run on the server; the next command opens a new connection.
/// </summary>
public sealed class RedisConnectionException(string message, Exception? innerException = null) : RedisException(message, innerException);

/// <summary>The server sent bytes that are not RESP; the connection is closed, since nothing after them can be trusted.</summary>
public sealed class RedisProtocolException(string message) : RedisException(message);

/// <summary>No reply within the command timeout. The command may still run on the server.</summary>
public sealed class RedisTimeoutException(string message) : TimeoutException(message);
