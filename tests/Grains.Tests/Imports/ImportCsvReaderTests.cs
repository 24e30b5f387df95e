using System.Text;
using Actors.Grains.Imports;

namespace Actors.Grains.Tests.Imports;

public sealed class ImportCsvReaderTests
{
    // With a space as the escape, ' "' both opens a field (spaces before an enclosure are skipped) and, inside one, is
    // an escaped quote: every such line opens a quote that no later line closes.
    private const string NeverClosing = "a@x.test, \"open";

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

    [Fact]
    public async Task Many_quotes_that_never_close_read_the_file_about_once_not_once_each()
    {
        var lines = Enumerable.Repeat(NeverClosing.PadRight(99, 'x'), 2 * ImportCsvReader.MaxEnclosedBytes / 100).ToArray();
        var file = Encoding.UTF8.GetBytes("email,note\n" + string.Join("\n", lines) + "\n");
        var read = new ReadCounter();
        await using var reader = new ImportCsvReader(offset => read.Open(file, offset), 0, 1, ',', '"', ' ');

        var records = await ReadAllAsync(reader);

        // Each quote reported on its own line, as when every quote read its full 256 KiB ahead.
        Assert.Equal(Enumerable.Range(2, lines.Length).Select(line => (long?)line), records.Skip(1).Select(r => r.UnclosedQuoteLine));
        Assert.InRange(read.Bytes, file.Length, 4L * file.Length);
    }

    [Fact]
    public async Task A_quote_that_closes_just_past_where_an_earlier_one_gave_up_is_read_whole()
    {
        // Line 2's quote gives up at the first line starting more than MaxEnclosedBytes after it; the quote closes on that line.
        var header = "email,note\n";
        var line = NeverClosing.PadRight(99, 'x') + "\n";
        var quoteAt = header.Length + NeverClosing.IndexOf('"');
        var open = (ImportCsvReader.MaxEnclosedBytes + quoteAt - header.Length) / line.Length + 1;
        var file = Encoding.UTF8.GetBytes(header + string.Concat(Enumerable.Repeat(line, open)) + "end\",tail\nb@x.test,ok\n");
        await using var reader = new ImportCsvReader(offset => new MemoryStream(file) { Position = offset }, 0, 1, ',', '"', ' ');

        var records = await ReadAllAsync(reader);

        Assert.Equal(2, records[1].UnclosedQuoteLine);
        // Line 3's quote reaches that line within its own limit, so it closes there, holding every line in between.
        Assert.Equal(3, records[2].Line);
        Assert.Null(records[2].UnclosedQuoteLine);
        var held = line[(NeverClosing.IndexOf('"') + 1)..] + string.Concat(Enumerable.Repeat(line, open - 2)) + "end";
        Assert.Equal(["a@x.test", held, "tail"], records[2].Cells);
        Assert.Equal(["b@x.test", "ok"], records[3].Cells);
        Assert.Equal(open + 3, records[3].Line);
    }

    private static async Task<List<ImportCsvRecord>> ReadAllAsync(ImportCsvReader reader)
    {
        var records = new List<ImportCsvRecord>();
        while (await reader.ReadAsync() is { } record)
            records.Add(record);
        return records;
    }

    /// <summary>Opens the file at an offset and counts every byte any reader reads from it.</summary>
    private sealed class ReadCounter
    {
        public long Bytes;

        public Stream Open(byte[] file, long offset) => new Counted(new MemoryStream(file) { Position = offset }, this);

        private sealed class Counted(Stream inner, ReadCounter counter) : Stream
        {
            public override int Read(byte[] buffer, int offset, int count)
            {
                var read = inner.Read(buffer, offset, count);
                counter.Bytes += read;
                return read;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                    inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
