namespace Actors.Interfaces.Text;

/// <summary>
/// The last step of NFC: each mark joins the starter before it when the pair has a primary composite and no mark of
/// the same or a higher class (or another starter) stands between them. Primary composites are the two-code-point
/// mappings less the composition exclusions, plus Hangul's arithmetic ones.
/// </summary>
internal static class CanonicalComposition
{
    // Pairs as (first << 21 | second), ascending, with their composites beside them.
    private static readonly (long[] Pairs, int[] Composites) Table = BuildTable();

    /// <summary>Composes <paramref name="codePoints"/>, decomposed and ordered, in place; answers the composed length.</summary>
    public static int Compose(Span<int> codePoints)
    {
        if (codePoints.IsEmpty)
            return 0;
        var starter = 0;
        // A leading mark has no starter before it: 256 is above every class, so nothing joins it.
        var lastClass = CombiningClass.Of(codePoints[0]) == 0 ? 0 : 256;
        var length = 1;
        for (var i = 1; i < codePoints.Length; i++)
        {
            var codePoint = codePoints[i];
            var codePointClass = CombiningClass.Of(codePoint);
            // lastClass is the highest class kept since the starter (the run is ordered), 0 when none was kept.
            var blocked = lastClass != 0 && lastClass >= codePointClass;
            if (!blocked && Composite(codePoints[starter], codePoint) is var composite and >= 0)
            {
                codePoints[starter] = composite;
                continue;
            }
            if (codePointClass == 0)
                starter = length;
            lastClass = codePointClass;
            codePoints[length++] = codePoint;
        }
        return length;
    }

    private static int Composite(int first, int second)
    {
        if (second < UnicodeNfcData.FirstAffected)
            return -1;
        var hangul = Hangul.Compose(first, second);
        if (hangul >= 0)
            return hangul;
        var pair = Array.BinarySearch(Table.Pairs, (long)first << 21 | (long)second);
        return pair >= 0 ? Table.Composites[pair] : -1;
    }

    private static (long[], int[]) BuildTable()
    {
        var pairs = new List<long>();
        var composites = new List<int>();
        for (var i = 0; i < UnicodeNfcData.Decomposed.Length; i++)
        {
            var composite = UnicodeNfcData.Decomposed[i];
            var second = UnicodeNfcData.MappingSecond[i];
            if (second == 0 || UnicodeNfcData.CompositionExcluded.BinarySearch(composite) >= 0)
                continue;
            pairs.Add((long)UnicodeNfcData.MappingFirst[i] << 21 | (long)second);
            composites.Add(composite);
        }
        var sortedPairs = pairs.ToArray();
        var sortedComposites = composites.ToArray();
        Array.Sort(sortedPairs, sortedComposites);
        return (sortedPairs, sortedComposites);
    }
}
