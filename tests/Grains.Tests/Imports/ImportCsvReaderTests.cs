using System.Text;
using Actors.Grains.Imports;

namespace Actors.Grains.Tests.Imports;

public sealed class ImportCsvReaderTests
{
    [Fact]
    public async Task A_quote_still_open_after_the_longest_value_a_field_takes_counts_as_never_closing()
    {
        // The quote on line 2 closes only after more text than any field holds, far down the file.
        var filler = string.Concat(Enumerable.Repeat(new string('x', 1000) + "\n", ImportCsvReader.MaxEnclosedBytes / 1000 + 10));
        var file = Encoding.UTF8.GetBytes($"email,note\na@x.test,\"{filler}\"\nb@x.test,ok\n");
        await using var reader = new ImportCsvReader(offset => new MemoryStream(file) { Position = offset }, 0, 1, ',', '"', '"');

        var header = await reader.ReadAsync();
        var unclosed = await reader.ReadAsync();
        var next = await reader.ReadAsync();

        Assert.Equal(["email", "note"], header!.Cells);
        Assert.Equal(2, unclosed!.UnclosedQuoteLine);
        Assert.Empty(unclosed.Cells);
        // Reading goes on from the line after the quote's.
        Assert.Equal(3, next!.Line);
    }
}
