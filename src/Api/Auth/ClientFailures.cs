using System.Net;

namespace Actors.Api.Auth;

/// <summary>
/// Failed sign-ins counted per client (<see cref="LoginThrottle.ClientOf"/>): <see cref="ApiOptions.MaxFailedLogins"/>
/// failures in one <see cref="ApiOptions.FailedLoginWindow"/> (counted from the first) refuse the client until that
/// window ends. When the table is full of live counters, a new client goes uncounted until room frees up: an attacker
/// who controls that many networks is held by <see cref="UsernameLockouts"/>, not by counting per client.
/// </summary>
internal sealed class ClientFailures(ApiOptions options)
{
    private readonly BoundedTable<IPAddress, Window> _clients = new(options.MaxTrackedAddresses, (window, now) => now - window.Start >= options.FailedLoginWindow);
    private readonly int _maxFailures = options.MaxFailedLogins;
    private readonly TimeSpan _window = options.FailedLoginWindow;

    public TimeSpan? RetryAfter(IPAddress client, DateTimeOffset now)
    {
        if (!_clients.TryGetValue(client, out var window))
            return null;
        var left = window.Start + _window - now;
        return window.Count >= _maxFailures && left > TimeSpan.Zero ? left : null;
    }

    public void RecordFailure(IPAddress client, DateTimeOffset now)
        => _clients.AddOrUpdate(client, now, () => new Window(now, 1),
            window => now - window.Start >= _window ? new Window(now, 1) : window with { Count = window.Count + 1 }, out _);

    private sealed record Window(DateTimeOffset Start, int Count);
}
