using System.Globalization;
using System.Text;
using Actors.Interfaces.Text;

namespace Actors.Api.Catalogs;

/// <summary>
/// Mautic's aliases: lower-case ASCII letters, digits and one separator ("-" for segments and categories, "_" for
/// fields, whose aliases are also column-like names), made from the name when the caller gives none; a made alias
/// that is taken gets a number (segment-a, segment-a1, segment-a2...), as Mautic numbers them.
/// </summary>
public static class Aliases
{
    /// <summary>
    /// <paramref name="text"/> as an alias: Latin letters transliterated to ASCII as Mautic does (Ünïcödé to unicode),
    /// separators for spaces and dashes, other characters dropped.
    /// </summary>
    public static string Clean(string text, char separator, int maxLength)
    {
        var alias = new StringBuilder();
        foreach (var c in LatinLetters.ToAscii(text.Trim()).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
                alias.Append(c);
            else if ((c is ' ' or '-' or '_') && alias.Length > 0 && alias[^1] != separator)
                alias.Append(separator);
        }
        var cleaned = alias.ToString().TrimEnd(separator);
        return cleaned.Length > maxLength ? cleaned[..maxLength].TrimEnd(separator) : cleaned;
    }

    /// <summary>The first of alias, alias1, alias2... that <paramref name="isTaken"/> refuses.</summary>
    public static string Unique(string alias, Func<string, bool> isTaken)
    {
        var candidate = alias;
        for (var n = 1; isTaken(candidate); n++)
            candidate = alias + n.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }
}
