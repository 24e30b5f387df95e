using System.Text;

namespace Actors.Grains.Imports;

/// <summary>
/// Keeps a spreadsheet from reading an exported CSV cell as a formula (CSV injection, OWASP). Contact values come from
/// web forms and tracking hits, so one such as <c>=HYPERLINK("https://…?"&amp;A1)</c> would run when an operator opens
/// the export. A value that starts with <c>=</c>, <c>@</c>, a tab or a carriage return, or with <c>+</c> or <c>-</c>
/// and is not a plain number or phone number (<c>-12.5</c>, <c>+44 20 7946 0958</c>), is written after an apostrophe,
/// which spreadsheets read as "text follows". The import takes exactly that apostrophe off again, so an export
/// imported back keeps its values; a value that starts with apostrophes before such a start gets one more, so the
/// import's one removal gives it back as it was.
/// </summary>
public static class CsvFormulaGuard
{
    public const byte Apostrophe = (byte)'\'';

    /// <summary>Whether the UTF-8 <paramref name="value"/> would start a formula.</summary>
    public static bool NeedsGuard(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return false;
        return value[0] switch
        {
            (byte)'=' or (byte)'@' or (byte)'\t' or (byte)'\r' => true,
            (byte)'+' or (byte)'-' => !IsNumberOrPhone(value[1..]),
            Apostrophe => NeedsGuard(value[1..]),
            _ => false,
        };
    }

    /// <summary>An imported cell without the apostrophe the export put before a value that would start a formula.</summary>
    public static string Unguard(string cell)
        => cell.Length > 1 && cell[0] == '\'' && NeedsGuard(Encoding.UTF8.GetBytes(cell, 1, cell.Length - 1)) ? cell[1..] : cell;

    // Digits with the separators numbers and phone numbers use; no letter, operator or parenthesis pair can make a formula of them.
    private static bool IsNumberOrPhone(ReadOnlySpan<byte> rest)
        => !rest.IsEmpty && rest.IndexOfAnyExcept("0123456789 .,()/-"u8) < 0 && rest.IndexOfAnyInRange((byte)'0', (byte)'9') >= 0;
}
