using System.Text.RegularExpressions;

namespace Actors.Grains.Fields;

/// <summary>
/// A url field's value: a web address. Mautic's url type adds http:// to a value that names no scheme
/// (www.example.com), and so does this; a value naming another scheme (javascript:, data:) is no web address, and any
/// client that shows the field as a link would run it.
/// </summary>
public static partial class WebAddress
{
    public const string Problem = "must be a web address such as https://example.com.";

    /// <summary>The address as stored, or null when it is none.</summary>
    public static string? Normalize(string value)
    {
        var text = value.Trim();
        if (!Scheme().IsMatch(text))
            text = "http://" + text;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 ? text : null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();
}
