using System.Globalization;
using System.Net;

namespace Actors.Interfaces.Contacts;

/// <summary>
/// The spellings of an IP address this service takes: dotted-decimal IPv4 without leading zeros, or IPv6 without a zone
/// whose embedded IPv4 (::ffff:1.2.3.4) is so, as PHP's filter_var(FILTER_VALIDATE_IP) wants them for Mautic.
/// IPAddress.TryParse also takes inet_aton's forms (010.8.8.8 is octal 8.8.8.8, 0x7f.0.0.1 hex, 1.2.3 and 134744072
/// short), brackets and zones, which would let a value name an address it does not spell. Tracking reads X-Forwarded-For
/// hops and its settings by this rule, and a contact's addresses are kept in the one form it gives each address.
/// </summary>
public static class IpAddressSpelling
{
    /// <summary>Whether <paramref name="host"/> (an address without brackets or port) is spelled as this rule takes it.</summary>
    public static bool IsCanonical(string host)
    {
        if (host.Contains('[') || host.Contains(']'))
            return false;
        if (host.Contains(':'))
            return !host.Contains('%') && (host.LastIndexOf('.') < 0 || IsDottedDecimal(host[(host.LastIndexOf(':') + 1)..]));
        return IsDottedDecimal(host);
    }

    /// <summary>The address <paramref name="text"/> spells, an IPv4-mapped IPv6 one as IPv4; null when it is spelled otherwise.</summary>
    public static IPAddress? Parse(string text)
    {
        if (!IsCanonical(text) || !IPAddress.TryParse(text, out var address))
            return null;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>
    /// The one form of the address <paramref name="text"/> spells, or null: IPv6 case and zero compression are spellings
    /// of one address (2001:DB8::0001 is 2001:db8::1), so a contact never holds one address twice.
    /// </summary>
    public static string? Canonical(string text) => Parse(text)?.ToString();

    private static bool IsDottedDecimal(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(part => part.Length is > 0 and <= 3 && part.All(char.IsAsciiDigit)
            && (part.Length == 1 || part[0] != '0') && int.Parse(part, CultureInfo.InvariantCulture) <= 255);
    }
}
