using System.Text;

namespace Actors.Api.Ui;

/// <summary>
/// Where the login form may send a browser back to: only pages of this UI, since an absolute, protocol-relative or
/// backslashed address (browsers read <c>/\</c> as <c>//</c>) would make the form an open redirect, and a dot segment
/// (<c>/ui/../api</c>, which browsers also read spelled <c>%2e%2e</c>) would leave the UI. The address ends up
/// in a Location header, which holds only ASCII: a character that has no place in a URI (non-ASCII, a space, a quote)
/// is percent-encoded, non-ASCII as UTF-8, as a browser does with an address it is given (RFC 3987); a control
/// character, which no address holds and which in a header would start a line of its own, refuses the address.
/// </summary>
public static class UiReturnUrl
{
    /// <summary>What a URI holds unencoded (RFC 3986: unreserved and reserved characters) and '%' of its escapes.</summary>
    private const string UriPunctuation = "-._~:/?#[]@!$&'()*+,;=%";

    /// <summary>The Location for returning to <paramref name="url"/>, or null when it is not a page of this UI.</summary>
    public static string? AsLocation(string? url)
    {
        if (url is null || !url.StartsWith("/ui/", StringComparison.Ordinal) || url.Contains('\\') || url.Any(char.IsControl) || HasDotSegment(url))
            return null;
        return url.All(IsUriCharacter) ? url : Escape(url);
    }

    /// <summary>
    /// Whether the path holds a <c>.</c> or <c>..</c> segment, spelled as the WHATWG URL standard reads one (each dot may
    /// be <c>%2e</c> in either case). No page of the UI has one, so any is refused rather than resolved.
    /// </summary>
    private static bool HasDotSegment(string url)
    {
        var pathEnd = url.IndexOfAny(['?', '#']);
        var path = pathEnd < 0 ? url : url[..pathEnd];
        foreach (var segment in path.Split('/'))
        {
            var dots = segment.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
            if (dots is "." or "..")
                return true;
        }
        return false;
    }

    private static string Escape(string url)
    {
        var escaped = new StringBuilder(url.Length * 2);
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii && IsUriCharacter((char)rune.Value))
                escaped.Append((char)rune.Value);
            else
                escaped.Append(Uri.EscapeDataString(rune.ToString()));
        }
        return escaped.ToString();
    }

    private static bool IsUriCharacter(char c) => char.IsAsciiLetterOrDigit(c) || UriPunctuation.Contains(c);
}
