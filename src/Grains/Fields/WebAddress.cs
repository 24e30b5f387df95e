using System.Text.RegularExpressions;

namespace Actors.Grains.Fields;

/// <summary>
/// A url field's value: a web address. Mautic's url type adds http:// to a value that does not start with a scheme and
/// "://" (www.example.com, localhost:8080), and so does this; what is then no http(s) address with a host, or holds
/// white space, is refused. So javascript:, data: and vbscript: values, which a client showing the field as a link
/// would run, never get in: one that reads as host:port ("javascript:1") is refused by its prefix, since adding
/// http:// would store it as an address that still names the scheme.
/// </summary>
public static partial class WebAddress
{
    public const string Problem = "must be a web address such as https://example.com.";

    /// <summary>The address as stored, or null when it is none.</summary>
    public static string? Normalize(string value)
    {
        var text = value.Trim();
        if (ScriptScheme().IsMatch(text))
            return null;
        if (!Scheme().IsMatch(text))
            text = "http://" + text;
        return !text.Any(char.IsWhiteSpace) && IsHttp(text) ? text : null;
    }

    /// <summary>Whether <paramref name="address"/> is an absolute http(s) URL with a host, the only addresses a url field takes.</summary>
    public static bool IsHttp(string address) => SchemeWithHost(address) is "http" or "https";

    /// <summary>The scheme, in lower case, of an absolute URL with a host; null when <paramref name="address"/> is none.</summary>
    public static string? SchemeWithHost(string address)
        => Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Scheme : null;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex Scheme();

    [GeneratedRegex("^(?:javascript|data|vbscript):", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptScheme();
}
