namespace Actors.Interfaces.Text;

/// <summary>The canonical combining class of a code point: 0 for a starter, above 0 for a mark that may reorder.</summary>
internal static class CombiningClass
{
    public static int Of(int codePoint)
    {
        if (codePoint < UnicodeNfcData.FirstAffected)
            return 0;
        // Entries are (code point << 8 | class): the last entry at or below (codePoint << 8 | 0xFF) is codePoint's, if any.
        var entry = UnicodeNfcData.CombiningClasses.BinarySearch(codePoint << 8 | 0xFF);
        if (entry < 0)
            entry = ~entry - 1;
        return entry >= 0 && UnicodeNfcData.CombiningClasses[entry] >> 8 == codePoint ? UnicodeNfcData.CombiningClasses[entry] & 0xFF : 0;
    }
}
