using System.Text;

namespace Actors.Interfaces.Text;

/// <summary>
/// Latin letters written in ASCII, as Mautic transliterates a label into an alias: a letter with diacritics becomes its
/// base letter by canonical decomposition (Ü to U, â to a), and the letters that decompose to none take their usual
/// spelling (ß to ss, æ to ae, ø to o, œ to oe, ł to l, đ to d, þ to th). Everything else, other scripts included,
/// passes through as itself for the caller to keep or drop.
/// </summary>
public static class LatinLetters
{
    private static readonly Dictionary<char, string> Spelled = new()
    {
        ['ß'] = "ss", ['ẞ'] = "SS",
        ['æ'] = "ae", ['Æ'] = "AE",
        ['ø'] = "o", ['Ø'] = "O",
        ['œ'] = "oe", ['Œ'] = "OE",
        ['ł'] = "l", ['Ł'] = "L",
        ['đ'] = "d", ['Đ'] = "D",
        ['þ'] = "th", ['Þ'] = "TH",
    };

    public static string ToAscii(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange((char)UnicodeNfcData.FirstAffected, char.MaxValue) < 0)
            return text;
        var ascii = new StringBuilder(text.Length);
        Span<int> parts = stackalloc int[2 * UnicodeNfcData.LongestDecomposition];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (Spelled.TryGetValue(c, out var spelled))
                ascii.Append(spelled);
            else if (c >= UnicodeNfcData.FirstAffected && !char.IsSurrogate(c) && BaseLetter(c, parts) is { } letter)
                ascii.Append(letter);
            else
                ascii.Append(c);
        }
        return ascii.ToString();
    }

    /// <summary>The ASCII letter <paramref name="c"/> decomposes to, followed by marks only; null for any other.</summary>
    private static char? BaseLetter(char c, Span<int> parts)
    {
        var length = CanonicalDecomposition.Decompose([c], parts);
        if (length < 2 || parts[0] > 0x7F || !char.IsAsciiLetter((char)parts[0]))
            return null;
        for (var i = 1; i < length; i++)
        {
            if (CombiningClass.Of(parts[i]) == 0)
                return null;
        }
        return (char)parts[0];
    }
}
