using System.Globalization;
using Actors.Interfaces.Text;

namespace Actors.Interfaces.Tests.Text;

/// <summary>
/// UnicodeNfc against Python's unicodedata.normalize('NFC', ...): nfc-vectors.txt holds, from the same generator as the
/// data, every character with a canonical mapping (alone and decomposed), every mark (alone and among others), Hangul
/// syllables, and sequences that reorder, block, meet exclusions and singletons.
/// </summary>
public class UnicodeNfcTests
{
    [Fact]
    public void Every_vector_normalizes_as_Python_does()
    {
        var vectors = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Text", "nfc-vectors.txt"))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(';'))
            .Select(parts => (Input: Text(parts[0]), Expected: Text(parts[1])))
            .ToArray();

        var wrong = vectors.Where(vector => UnicodeNfc.Normalize(vector.Input) != vector.Expected).Select(vector => Hex(vector.Input)).ToArray();

        Assert.True(vectors.Length > 8000, $"only {vectors.Length} vectors were read");
        Assert.Empty(wrong.Take(20));
    }

    [Fact]
    public void Both_spellings_of_an_accented_address_are_one()
        => Assert.Equal("jos\u00e9@x.test", UnicodeNfc.Normalize("jose\u0301@x.test"));

    [Theory]
    [InlineData("jim@example.com")]
    [InlineData("caf\u00e9 \u00bfqu\u00e9?")]
    [InlineData("\u00bf\u00a9 below the first character with a mapping")]
    [InlineData("\ud55c\uad6d\uc5b4 \u65e5\u672c\u8a9e")]
    [InlineData("")]
    public void Text_already_NFC_is_returned_itself(string text) => Assert.Same(text, UnicodeNfc.Normalize(text));

    [Theory]
    [InlineData("a\ud800b")]
    [InlineData("\udc00e\u0301")]
    [InlineData("e\u0301\ud83d")]
    public void A_surrogate_without_its_pair_passes_through(string text)
        => Assert.Equal(text.Replace("e\u0301", "\u00e9"), UnicodeNfc.Normalize(text));

    [Fact]
    public void Text_longer_than_the_stack_buffer_is_normalized_whole()
    {
        var text = string.Concat(Enumerable.Repeat("e\u0301\u1100\u1161\u11a8", 500));

        Assert.Equal(string.Concat(Enumerable.Repeat("\u00e9\uac01", 500)), UnicodeNfc.Normalize(text));
    }

    [Fact]
    public void The_data_names_its_Unicode_version() => Assert.Matches(@"^\d+\.\d+\.\d+$", UnicodeNfc.UnicodeVersion);

    private static string Text(string hex) => string.Concat(hex.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(codePoint => char.ConvertFromUtf32(int.Parse(codePoint, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));

    private static string Hex(string text) => string.Join(' ', text.EnumerateRunes().Select(rune => rune.Value.ToString("X4", CultureInfo.InvariantCulture)));
}
