using System.Net;
using System.Net.Sockets;
using Actors.Api.Users;
using Actors.Interfaces.Users;
using Microsoft.Extensions.Options;

namespace Actors.Api.Auth;

/// <summary>
/// Slows password guessing, through Basic authentication and the operator UI's form alike, on two counts:
/// <list type="bullet">
/// <item>per client (<see cref="ClientFailures"/>): an IPv4 address, or the /64 network of an IPv6 address, since
/// one host owns a whole /64 and could otherwise take a fresh address for every guess;</item>
/// <item>per username (<see cref="UsernameLockouts"/>), compared as users are (<see cref="IUserGrain.KeyOf"/>), so
/// that many networks together still get a bounded number of guesses at one account. Clients that signed in as the
/// user lately (<see cref="KnownClients"/>) are exempt from its lockout, which a stranger can otherwise hold on
/// any account by failing on purpose.</item>
/// </list>
/// Callers ask before verifying a password, so a refused guess costs no password hash. Counters live in this process
/// only, and every table is bounded (<see cref="BoundedTable{TKey, TValue}"/>), so a flood of distinct addresses or
/// usernames does not grow memory; a username too long to name any user is counted under one shared key, so that a
/// name of kilobytes does not make an entry of kilobytes.
/// </summary>
public sealed partial class LoginThrottle
{
    /// <summary>The one key of every username too long to name a user; it holds a space, which no user's key does.</summary>
    private const string OverlongUsername = " overlong";

    private readonly TimeProvider _clock;
    private readonly ILogger<LoginThrottle> _logger;
    private readonly ClientFailures _clients;
    private readonly UsernameLockouts _users;
    private readonly KnownClients _known;

    public LoginThrottle(IOptions<ApiOptions> options, TimeProvider clock, ILogger<LoginThrottle> logger)
    {
        _clock = clock;
        _logger = logger;
        _clients = new ClientFailures(options.Value);
        _users = new UsernameLockouts(options.Value);
        _known = new KnownClients(options.Value);
    }

    /// <summary>
    /// The client an address is counted as: an IPv4 address itself (an IPv4-mapped IPv6 address being its IPv4
    /// address), or an IPv6 address's /64 network, written as its first address without a scope.
    /// </summary>
    public static IPAddress ClientOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address;
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }

    /// <summary>How long <paramref name="address"/>'s client must wait before trying again, or null when it may try now.</summary>
    public TimeSpan? ClientRetryAfter(IPAddress address) => _clients.RetryAfter(ClientOf(address), _clock.GetUtcNow());

    /// <summary>
    /// How long sign-ins as <paramref name="username"/> from <paramref name="address"/> must wait because of the
    /// username's lockout, or null when they may try now.
    /// </summary>
    public TimeSpan? UserRetryAfter(IPAddress address, string username)
    {
        var now = _clock.GetUtcNow();
        var user = UserKey(username);
        return _known.Contains(user, ClientOf(address), now) ? null : _users.RetryAfter(user, now);
    }

    public void RecordFailure(IPAddress address, string username)
    {
        var now = _clock.GetUtcNow();
        _clients.RecordFailure(ClientOf(address), now);
        if (_users.RecordFailure(UserKey(username), now) is { } lockout)
            LogLockedOut(_logger, FailedSignInLog.Escape(username), lockout);
    }

    /// <summary>Remembers that <paramref name="address"/>'s client signed in as <paramref name="username"/>; it resets no count.</summary>
    public void RecordSuccess(IPAddress address, string username)
        => _known.Add(UserKey(username), ClientOf(address), _clock.GetUtcNow());

    private static string UserKey(string username)
    {
        var key = IUserGrain.KeyOf(username);
        return key.Length > UserInput.MaxUsernameLength ? OverlongUsername : key;
    }

    [LoggerMessage(12, LogLevel.Warning, "Sign-ins as {Username} are refused for {Lockout} after repeated failures, except from clients that signed in as that user lately")]
    private static partial void LogLockedOut(ILogger logger, string username, TimeSpan lockout);
}
