using System.Text;
using System.Text.RegularExpressions;

namespace Actors.Api.Tracking;

/// <summary>
/// A tracked value cleaned before anything stores it, as Mautic cleans the page hit's query and the values it sets
/// (MAUTIC-SPEC 1.7): control characters and the replacement characters of invalid UTF-8 dropped, then text stripped of
/// HTML tags, an address instead kept whole with the characters a URL may not hold percent-encoded (stripping would cut
/// a query such as <c>?q=a&lt;b</c>, and the address must still lead where it led), then trimmed and cut to its limit.
/// So a value shown anywhere later (the timeline, a contact's fields, an export) carries no markup of a visitor's making.
/// The REST API is not cleaned this way: what an operator stores is theirs.
/// </summary>
public static partial class TrackedValue
{
    /// <summary>Text without its tags, at most <paramref name="limit"/> characters.</summary>
    public static string Text(string value, int limit) => Cut(StripTags(WithoutControls(value)).Trim(), limit);

    /// <summary>An address (absolute, or the host-only referrer mtc.js sends) with markup characters encoded, at most <paramref name="limit"/> characters.</summary>
    public static string Url(string value, int limit)
    {
        var encoded = Encode(WithoutControls(value).Trim());
        if (encoded.Length <= limit)
            return encoded;
        // Never cut through an escape: a dangling "%3" would make the address invalid.
        var end = limit;
        var percent = encoded.LastIndexOf('%', limit - 1, Math.Min(limit, 2));
        if (percent >= 0)
            end = percent;
        return encoded[..end];
    }

    /// <summary>
    /// Removes tags, and the start of one left open at the end (as PHP's strip_tags does), again until none is left, so
    /// that taking one out cannot join two halves into a new one (<c>&lt;&lt;b&gt;script&gt;</c>). A '&lt;' not
    /// followed by a letter, '/', '!' or '?' starts no tag and stays (<c>1 &lt; 2</c>).
    /// </summary>
    private static string StripTags(string value)
    {
        while (value.Contains('<'))
        {
            var stripped = Tag().Replace(value, "");
            if (stripped.Length == value.Length)
                break;
            value = stripped;
        }
        return value;
    }

    [GeneratedRegex("<[A-Za-z/!?][^>]*>?")]
    private static partial Regex Tag();

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

    private static string Cut(string value, int limit) => value.Length > limit ? value[..limit] : value;

    private static string WithoutControls(string value)
    {
        if (!value.Any(c => char.IsControl(c) || c == '\uFFFD'))
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
