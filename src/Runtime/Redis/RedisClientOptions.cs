using System.Globalization;

namespace Actors.Runtime.Redis;

/// <summary>
/// Where and how a <see cref="RedisConnection"/> connects. The text form is StackExchange.Redis's, restricted to what
/// this client does: <c>host[:port][,password=…][,user=…][,database=N][,connectTimeout=ms][,commandTimeout=ms]</c>.
/// </summary>
public sealed record RedisClientOptions
{
    public const int DefaultPort = 6379;

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Host name or address of the server. Required.</summary>
    public required string Host { get; init; }

    /// <summary>Default <see cref="DefaultPort"/>.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Sent with AUTH on every new connection when set. Default none.</summary>
    public string? Password { get; init; }

    /// <summary>The ACL user AUTH names with the password; default none (Redis's "default" user).</summary>
    public string? User { get; init; }

    /// <summary>Selected with SELECT on every new connection when not 0. Default 0.</summary>
    public int Database { get; init; }

    /// <summary>How long opening a connection (TCP, AUTH, SELECT) may take. Default <see cref="DefaultConnectTimeout"/>.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>How long a command waits for its reply. Default <see cref="DefaultCommandTimeout"/>.</summary>
    public TimeSpan CommandTimeout { get; init; } = DefaultCommandTimeout;

    /// <summary>"host:port/database": names the server in messages and logs, never with the password.</summary>
    public string Endpoint => $"{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}/{Database.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => Endpoint;

    public static RedisClientOptions Parse(string connectionString) =>
        TryParse(connectionString, out var options, out var error) ? options : throw new FormatException(error);

    /// <summary>Parses the text form; on failure <paramref name="error"/> says what is wrong without quoting a password.</summary>
    public static bool TryParse(string? connectionString, out RedisClientOptions options, out string error)
    {
        options = null!;
        var parts = (connectionString ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0].Contains('='))
            return Fail("it names no host (expected host:port[,password=…][,database=N])", out error);
        if (!TryParseEndpoint(parts[0], out var host, out var port))
            return Fail($"'{parts[0]}' is not host:port", out error);
        var parsed = new RedisClientOptions { Host = host, Port = port };
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=');
            var key = equals > 0 ? part[..equals].Trim() : part;
            var value = equals > 0 ? part[(equals + 1)..].Trim() : "";
            switch (key.ToLowerInvariant())
            {
                case "password":
                    parsed = parsed with { Password = value };
                    break;
                case "user":
                    parsed = parsed with { User = value };
                    break;
                case "database" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var database):
                    parsed = parsed with { Database = database };
                    break;
                case "connecttimeout" when TryParseMilliseconds(value, out var timeout):
                    parsed = parsed with { ConnectTimeout = timeout };
                    break;
                case "commandtimeout" when TryParseMilliseconds(value, out var timeout):
                    parsed = parsed with { CommandTimeout = timeout };
                    break;
                case "database" or "connecttimeout" or "commandtimeout":
                    return Fail($"{key} must be a whole number, not '{value}'", out error);
                default:
                    return Fail($"'{key}' is not a setting this client knows (password, user, database, connectTimeout, commandTimeout)", out error);
            }
        }
        options = parsed;
        error = "";
        return true;
    }

    private static bool TryParseEndpoint(string text, out string host, out int port)
    {
        port = DefaultPort;
        host = text;
        var colon = text.LastIndexOf(':');
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0)
                return false;
            host = text[1..close];
            colon = close + 1 < text.Length && text[close + 1] == ':' ? close + 1 : -1;
            if (colon < 0 && close + 1 != text.Length)
                return false;
        }
        else if (colon >= 0)
        {
            host = text[..colon];
        }
        if (colon >= 0 && (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            return false;
        return host.Length > 0;
    }

    private static bool TryParseMilliseconds(string text, out TimeSpan timeout)
    {
        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds > 0;
        timeout = TimeSpan.FromMilliseconds(milliseconds);
        return ok;
    }

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}
