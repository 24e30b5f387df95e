using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Actors.Grains.Text;
using Actors.Grains.Fields;

namespace Actors.Api.Tracking;

/// <summary>
/// A tracked value cleaned before anything stores it, as Mautic cleans the page hit's query and the values it sets
/// (MAUTIC-SPEC 1.7): control characters and the replacement characters of invalid UTF-8 dropped, then text stripped of
/// HTML tags, an address instead kept whole with the characters a URL may not hold percent-encoded (stripping would cut
/// a query such as <c>?q=a&lt;b</c>, and the address must still lead where it led), then trimmed and cut to its limit in
/// characters (code points: a cut never leaves half of a surrogate pair, which no field or column takes as text). An
/// address is kept only if it is a web address, as Mautic's URL cleaner keeps only valid URLs of the schemes it allows
/// (http, https and ftp): a <c>javascript:</c> or <c>data:</c> one would run wherever it is shown as a link. So a value shown anywhere later (the timeline, a contact's
/// fields, an export) carries no markup or script of a visitor's making.
/// The REST API is not cleaned this way: what an operator stores is theirs.
/// </summary>
public static partial class TrackedValue
{
    /// <summary>Text without its tags, at most <paramref name="limit"/> characters (code points).</summary>
    public static string Text(string value, int limit) => FieldValueLimits.Truncate(PhpStripTags.Strip(WithoutControls(value)).Trim(), limit);

    /// <summary>
    /// An address with markup characters encoded, at most <paramref name="limit"/> characters; empty when it is not a web
    /// address. An http(s) or ftp one must be a valid absolute URL with a host; one without a scheme is kept (a relative
    /// path, or the host-only referrer mtc.js sends, which may carry a port: <c>example.com:8080</c>), as it can lead
    /// nowhere but the web.
    /// </summary>
    public static string Url(string value, int limit)
    {
        var encoded = Encode(WithoutControls(value).Trim());
        var cut = FieldValueLimits.Truncate(encoded, limit);
        if (cut.Length < encoded.Length)
        {
            // Never cut through an escape: a dangling "%3" would make the address invalid.
            var percent = cut.LastIndexOf('%', cut.Length - 1, Math.Min(cut.Length, 2));
            if (percent >= 0)
                cut = cut[..percent];
        }
        return IsWebAddress(cut) ? cut : "";
    }

    /// <summary>
    /// Whether an encoded address leads only to the web. A browser reads a scheme as letters, digits, '+', '-' and '.'
    /// up to the first ':', so a scheme-less value must have none, but for a host and port alone: a port cannot hold a
    /// script, while <c>javascript:1/alert(1)</c> is one. An absolute one must have a scheme Mautic's URL cleaner keeps
    /// (InputHelper::url: https, http, ftp); where Mautic rewrites another scheme to http, or keeps an invalid URL as
    /// escaped text, this leaves the address out, as no guess at what it meant is safe to show as a link.
    /// </summary>
    private static bool IsWebAddress(string address)
        => !Scheme().IsMatch(address) || HostAndPort().IsMatch(address) || WebAddress.SchemeWithHost(address) is "http" or "https" or "ftp";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();

    // A host has a dot (example.com, 10.0.0.1) or is localhost: "javascript:1" is a scheme, not a host and its port.
    [GeneratedRegex("^(?:[A-Za-z0-9-]+\\.[A-Za-z0-9.-]+|localhost):[0-9]+$", RegexOptions.IgnoreCase)]
    private static partial Regex HostAndPort();

    /// <summary>The printable ASCII characters RFC 3986 leaves out of a URI (and white space), percent-encoded; the rest is kept as sent.</summary>
    private static string Encode(string value)
    {
        if (value.IndexOfAny(NotInUri) < 0)
            return value;
        var encoded = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (Array.IndexOf(NotInUri, c) >= 0)
                encoded.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else
                encoded.Append(c);
        }
        return encoded.ToString();
    }

    private static readonly char[] NotInUri = [' ', '"', '<', '>', '`', '\\', '^', '{', '|', '}'];

    // Every parameter of every hit is looked through for these, so the look is one vectorised search, not a lambda a character.
    private static readonly SearchValues<char> ControlsAndReplacement = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c), '\uFFFD']);

    private static string WithoutControls(string value)
    {
        if (!value.AsSpan().ContainsAny(ControlsAndReplacement))
            return value;
        var clean = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsControl(c) && c != '\uFFFD')
                clean.Append(c);
        }
        return clean.ToString();
    }
}
