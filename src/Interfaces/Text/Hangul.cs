namespace Actors.Interfaces.Text;

/// <summary>
/// Hangul syllables decompose into leading consonant, vowel and optional trailing consonant jamo by arithmetic
/// (The Unicode Standard, section 3.12), not by table, and compose back the same way.
/// </summary>
internal static class Hangul
{
    private const int SyllableFirst = 0xAC00;
    private const int LeadFirst = 0x1100;
    private const int VowelFirst = 0x1161;
    private const int TrailBase = 0x11A7; // one before the first trailing consonant: a trail index of 0 means none
    private const int LeadCount = 19;
    private const int VowelCount = 21;
    private const int TrailCount = 28;
    private const int SyllableCount = LeadCount * VowelCount * TrailCount;

    public static bool IsSyllable(int codePoint) => (uint)(codePoint - SyllableFirst) < SyllableCount;

    /// <summary>Writes the jamo of a syllable into <paramref name="into"/>; answers how many (2 or 3).</summary>
    public static int Decompose(int syllable, Span<int> into)
    {
        var index = syllable - SyllableFirst;
        into[0] = LeadFirst + index / (VowelCount * TrailCount);
        into[1] = VowelFirst + index % (VowelCount * TrailCount) / TrailCount;
        if (index % TrailCount == 0)
            return 2;
        into[2] = TrailBase + index % TrailCount;
        return 3;
    }

    /// <summary>The syllable a leading consonant and vowel, or an LV syllable and trailing consonant, make; -1 when none.</summary>
    public static int Compose(int first, int second)
    {
        if ((uint)(first - LeadFirst) < LeadCount && (uint)(second - VowelFirst) < VowelCount)
            return SyllableFirst + ((first - LeadFirst) * VowelCount + second - VowelFirst) * TrailCount;
        if (IsSyllable(first) && (first - SyllableFirst) % TrailCount == 0 && (uint)(second - TrailBase - 1) < TrailCount - 1)
            return first + second - TrailBase;
        return -1;
    }
}
