using System.Buffers;

namespace Actors.Interfaces.Text;

/// <summary>
/// Unicode Normalization Form C (UAX #15), of our own: the process runs with InvariantGlobalization, where
/// <see cref="string.Normalize()"/> does nothing, and turning ICU on would change every culture-sensitive string
/// operation of the process (sorting, IndexOf). NFC is canonical decomposition, canonical ordering of combining marks
/// by class, then canonical composition; the data is <see cref="UnicodeNfcData"/>, generated from Python's unicodedata
/// by tools/unicode-nfc/generate.py. A surrogate that is half of no pair passes through as itself.
/// </summary>
public static class UnicodeNfc
{
    private const int StackCodePoints = 256;

    /// <summary>The Unicode version of the data, such as "14.0.0".</summary>
    public static string UnicodeVersion => UnicodeNfcData.UnicodeVersion;

    /// <summary>The NFC of <paramref name="text"/>: <paramref name="text"/> itself, not a copy, when it is NFC already.</summary>
    public static string Normalize(string text)
    {
        var affected = text.AsSpan().IndexOfAnyInRange((char)UnicodeNfcData.FirstAffected, char.MaxValue);
        if (affected < 0)
            return text;
        // Text below FirstAffected is all starters, and only the last of them can compose with what follows.
        var start = Math.Max(0, affected - 1);
        var tail = text.AsSpan(start);
        var capacity = checked(tail.Length * UnicodeNfcData.LongestDecomposition);
        int[]? rentedCodePoints = null;
        char[]? rentedChars = null;
        try
        {
            var codePoints = capacity <= StackCodePoints
                ? stackalloc int[StackCodePoints]
                : rentedCodePoints = ArrayPool<int>.Shared.Rent(capacity);
            var length = CanonicalDecomposition.Decompose(tail, codePoints);
            CanonicalDecomposition.Order(codePoints[..length]);
            length = CanonicalComposition.Compose(codePoints[..length]);
            var chars = length * 2 <= StackCodePoints
                ? stackalloc char[StackCodePoints]
                : rentedChars = ArrayPool<char>.Shared.Rent(length * 2);
            var normal = chars[..Encode(codePoints[..length], chars)];
            return normal.SequenceEqual(tail) ? text : string.Concat(text.AsSpan(0, start), normal);
        }
        finally
        {
            if (rentedCodePoints is not null)
                ArrayPool<int>.Shared.Return(rentedCodePoints);
            if (rentedChars is not null)
                ArrayPool<char>.Shared.Return(rentedChars);
        }
    }

    private static int Encode(ReadOnlySpan<int> codePoints, Span<char> into)
    {
        var length = 0;
        foreach (var codePoint in codePoints)
        {
            if (codePoint < 0x10000)
            {
                into[length++] = (char)codePoint;
                continue;
            }
            var pair = char.ConvertFromUtf32(codePoint);
            into[length++] = pair[0];
            into[length++] = pair[1];
        }
        return length;
    }
}
