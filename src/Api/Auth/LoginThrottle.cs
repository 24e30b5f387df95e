using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Actors.Api.Auth;

/// <summary>
/// Slows password guessing: an address with <see cref="ApiOptions.MaxFailedLogins"/> failed sign-ins in one
/// <see cref="ApiOptions.FailedLoginWindow"/> (counted from its first failure) is refused until that window ends.
/// Counters live in this process only, one per address; another address's success or failure never touches them.
/// At most <see cref="ApiOptions.MaxTrackedAddresses"/> addresses are counted: when full, expired counters are
/// dropped, and if every one is still live, a new address goes uncounted until room frees up. That bounds memory;
/// an attacker who controls that many addresses is not stopped by per-address counting anyway.
/// </summary>
public sealed class LoginThrottle(IOptions<ApiOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<IPAddress, Window> _failures = new();
    private readonly int _maxFailures = options.Value.MaxFailedLogins;
    private readonly TimeSpan _window = options.Value.FailedLoginWindow;
    private readonly int _capacity = options.Value.MaxTrackedAddresses;

    /// <summary>How long <paramref name="address"/> must wait before trying again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress address)
    {
        if (!_failures.TryGetValue(address, out var window))
            return null;
        var left = window.Start + _window - clock.GetUtcNow();
        return window.Count >= _maxFailures && left > TimeSpan.Zero ? left : null;
    }

    public void RecordFailure(IPAddress address)
    {
        var now = clock.GetUtcNow();
        if (!_failures.ContainsKey(address) && _failures.Count >= _capacity && !MakeRoom(now))
            return;
        _failures.AddOrUpdate(address, _ => new Window(now, 1),
            (_, window) => now - window.Start >= _window ? new Window(now, 1) : window with { Count = window.Count + 1 });
    }

    private bool MakeRoom(DateTimeOffset now)
    {
        foreach (var (address, window) in _failures)
        {
            if (now - window.Start >= _window)
                _failures.TryRemove(address, out _);
        }
        return _failures.Count < _capacity;
    }

    private sealed record Window(DateTimeOffset Start, int Count);
}
