using System.Text.RegularExpressions;

namespace Actors.Api.Contacts.Export;

/// <summary>
/// Excel reads <c>_xHHHH_</c> in cell text as the character with that code (ECMA-376 ST_Xstring), so a stored
/// <c>a_x0041_</c> would show as <c>aA</c>. The standard's escape for a literal one is to write the underscore that
/// starts it as <c>_x005F_</c>; text without such a sequence is left as it is.
/// </summary>
public static partial class ExcelEscapes
{
    public static string Escape(string text) => text.Contains("_x", StringComparison.OrdinalIgnoreCase) ? EscapeSequence().Replace(text, "_x005F_") : text;

    // Hex digits count in either case; an upper-case X is escaped too, since some readers decode it (.NET's XmlConvert
    // does) and an escaped underscore reads back as one in every reader.
    [GeneratedRegex("_(?=[xX][0-9A-Fa-f]{4}_)")]
    private static partial Regex EscapeSequence();
}
