namespace Actors.Interfaces.Text;

/// <summary>The first two steps of NFC: full canonical decomposition, then combining marks put in canonical order.</summary>
internal static class CanonicalDecomposition
{
    /// <summary>
    /// Writes the code points of <paramref name="text"/>, each fully decomposed, into <paramref name="into"/>, which holds
    /// <see cref="UnicodeNfcData.LongestDecomposition"/> per UTF-16 unit; answers how many.
    /// </summary>
    public static int Decompose(ReadOnlySpan<char> text, Span<int> into)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                codePoint = char.ConvertToUtf32(text[i], text[++i]);
            length += Append(codePoint, into[length..]);
        }
        return length;
    }

    /// <summary>Sorts each run of marks by combining class, keeping marks of one class in their order (a stable sort).</summary>
    public static void Order(Span<int> codePoints)
    {
        for (var i = 1; i < codePoints.Length; i++)
        {
            var mark = codePoints[i];
            var markClass = CombiningClass.Of(mark);
            if (markClass == 0)
                continue;
            var j = i;
            for (; j > 0 && CombiningClass.Of(codePoints[j - 1]) > markClass; j--)
                codePoints[j] = codePoints[j - 1];
            codePoints[j] = mark;
        }
    }

    private static int Append(int codePoint, Span<int> into)
    {
        if (codePoint < UnicodeNfcData.FirstAffected)
        {
            into[0] = codePoint;
            return 1;
        }
        if (Hangul.IsSyllable(codePoint))
            return Hangul.Decompose(codePoint, into);
        var mapping = UnicodeNfcData.Decomposed.BinarySearch(codePoint);
        if (mapping < 0)
        {
            into[0] = codePoint;
            return 1;
        }
        // A mapping's parts may decompose further (U+1FD3 to U+03CA U+0301 to U+03B9 U+0308 U+0301).
        var length = Append(UnicodeNfcData.MappingFirst[mapping], into);
        var second = UnicodeNfcData.MappingSecond[mapping];
        return second == 0 ? length : length + Append(second, into[length..]);
    }
}
