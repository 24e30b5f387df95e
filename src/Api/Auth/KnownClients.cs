using System.Net;

namespace Actors.Api.Auth;

/// <summary>
/// The clients (<see cref="LoginThrottle.ClientOf"/>) that signed in as each user within
/// <see cref="ApiOptions.KnownClientLifetime"/>. They are exempt from that username's lockout, so that guesses from
/// elsewhere do not shut out the user's own integrations and browsers; their own failures are still counted, as a
/// client and for the username. Only a right password adds an entry, so a flood of guesses cannot fill the table;
/// when signed-in users fill it, a new pair is not remembered, which costs that client only the exemption.
/// </summary>
internal sealed class KnownClients(ApiOptions options)
{
    private readonly TimeSpan _lifetime = options.KnownClientLifetime;
    private readonly BoundedTable<(string User, IPAddress Client), DateTimeOffset> _signIns =
        new(options.MaxTrackedAddresses, (signedIn, now) => now - signedIn >= options.KnownClientLifetime);

    public bool Contains(string user, IPAddress client, DateTimeOffset now)
        => _signIns.TryGetValue((user, client), out var signedIn) && now - signedIn < _lifetime;

    public void Add(string user, IPAddress client, DateTimeOffset now)
    {
        if (_lifetime > TimeSpan.Zero)
            _signIns.AddOrUpdate((user, client), now, () => now, _ => now, out _);
    }
}
