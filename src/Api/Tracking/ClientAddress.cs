using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Actors.Interfaces.Contacts;

namespace Actors.Api.Tracking;

/// <summary>
/// Decides which address a tracking request comes from and whether it may be tracked.
/// X-Forwarded-For is believed only when the connection comes from a configured proxy, and then
/// read right to left past every trusted proxy, so a visitor cannot choose its own address.
/// Reserved addresses (loopback, link-local, unspecified, multicast) and, unless configured,
/// private ranges are not recorded, but the request is still tracked, as in Mautic.
/// </summary>
public sealed class ClientAddressPolicy
{
    private static readonly IPNetwork[] PrivateRanges =
        [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("fc00::/7")];

    private static readonly IPNetwork[] ReservedRanges =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"), IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private readonly IPNetwork[] _trustedProxies;
    private readonly IPNetwork[] _doNotTrack;
    private readonly bool _trackPrivateRanges;

    public ClientAddressPolicy(TrackingOptions options)
    {
        _trustedProxies = options.TrustedProxies.Select(ParseNetwork).ToArray();
        _doNotTrack = options.DoNotTrackIps.Select(ParseNetwork).ToArray();
        _trackPrivateRanges = options.TrackPrivateIpRanges;
    }

    /// <summary>Parses an exact address or a CIDR range; an exact address becomes a one-address range.</summary>
    public static IPNetwork ParseNetwork(string text)
        => TryParseNetwork(text, out var network) ? network : throw new FormatException($"'{text}' is neither an IP address nor a CIDR range.");

    public static bool IsValidNetwork(string text) => TryParseNetwork(text, out _);

    /// <summary>
    /// A setting's address is spelled as a hop's must be (<see cref="IpAddressSpelling"/>), without brackets or a port:
    /// IPAddress.TryParse would read <c>010.0.0.1</c> as octal 8.0.0.1 and drop the port of <c>[2001:db8::1]:443</c>,
    /// so a setting would trust or ignore an address other than the one it spells.
    /// </summary>
    private static bool TryParseNetwork(string text, out IPNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/');
        if (slash >= 0)
            return IpAddressSpelling.IsCanonical(text[..slash]) && IPNetwork.TryParse(text, out network);
        if (IpAddressSpelling.Parse(text) is not { } address)
            return false;
        network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    /// <summary>The visitor's address: the connection's, or the nearest untrusted hop of X-Forwarded-For behind trusted proxies.</summary>
    public IPAddress? Resolve(IPAddress? remote, string? forwardedFor)
    {
        if (remote is null)
            return null;
        var client = Normalize(remote);
        if (string.IsNullOrEmpty(forwardedFor) || !IsTrusted(client))
            return client;
        var hops = forwardedFor.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            if (ParseHop(hops[i]) is not { } hop)
                return client;
            client = Normalize(hop);
            if (!IsTrusted(client))
                return client;
        }
        return client;
    }

    /// <summary>
    /// One X-Forwarded-For entry: an address, or an address with the port the proxy saw (198.51.100.9:4444,
    /// [2001:db8::1]:443), which several proxies and load balancers append. The address must be spelled as
    /// <see cref="IpAddressSpelling"/> takes it, so a hop cannot name an address it does not spell.
    /// </summary>
    private static IPAddress? ParseHop(string hop)
    {
        var host = hop;
        if (hop.StartsWith('['))
        {
            var close = hop.IndexOf(']');
            if (close < 0 || (close < hop.Length - 1 && !IsPort(hop.AsSpan(close + 1))))
                return null;
            host = hop[1..close];
        }
        else if (hop.IndexOf(':') is var colon and > 0 && hop.IndexOf(':', colon + 1) < 0)
        {
            if (!IsPort(hop.AsSpan(colon)))
                return null;
            host = hop[..colon];
        }
        return IpAddressSpelling.Parse(host);
    }

    private static bool IsPort(ReadOnlySpan<char> colonAndPort)
        => colonAndPort.Length > 1 && colonAndPort[0] == ':' && ushort.TryParse(colonAndPort[1..], NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>Whether requests from this address are answered without being tracked.</summary>
    public bool IsDoNotTrack(IPAddress? address) => address is not null && _doNotTrack.Any(n => n.Contains(address));

    /// <summary>The address to record on the contact, or null when it is reserved or (unless configured) private.</summary>
    public IPAddress? Recordable(IPAddress? address)
    {
        if (address is null || ReservedRanges.Any(n => n.Contains(address)))
            return null;
        return !_trackPrivateRanges && PrivateRanges.Any(n => n.Contains(address)) ? null : address;
    }

    /// <summary>Whether a connection from this address comes through a configured proxy, whose forwarded headers are believed.</summary>
    public bool IsTrustedProxy(IPAddress? address) => address is not null && IsTrusted(Normalize(address));

    /// <summary>The trust test for an address already normalised, so a hit's hops are mapped once each on the hot path.</summary>
    private bool IsTrusted(IPAddress normalized)
    {
        foreach (var proxy in _trustedProxies)
        {
            if (proxy.Contains(normalized))
                return true;
        }
        return false;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
