using System.Buffers;
using System.Text;

namespace Actors.Grains.Imports;

/// <summary>
/// One record of an import's file: the line it starts on, the byte offset where it starts and its cells. A record whose
/// quote never closes has no cells and names the line that quote opened on.
/// </summary>
public sealed record ImportCsvRecord(long Line, long Offset, string[] Cells, long? UnclosedQuoteLine = null);

/// <summary>
/// Reads an import's file record by record as PHP's fgetcsv reads it for Mautic (MAUTIC-SPEC 4.1), from any record's
/// byte offset, so the upload reads the header and the job each batch the same way.
///
/// Lines end at LF, a CR before it being part of the line end; a CR alone is text, since PHP 8.1 no longer detects CR
/// line endings (the upload refuses a file whose only line ends are CRs). Line numbers count LFs, those inside a quoted
/// value too, so a record's line is the file line it starts on. Empty lines are skipped. With an enclosure, a field that starts with it (after spaces, which are then
/// dropped) is enclosed: a doubled enclosure in it is one, line breaks in it are text, and an escape character that
/// differs from the enclosure stops the character after it from closing the field, both kept (<c>"a\"b"</c> is
/// <c>a\"b</c>); text after the closing enclosure is part of the value. Without an enclosure (this product's choice,
/// fgetcsv needs one) the escape character makes the next character text and is dropped, and before a line break it
/// keeps the line break in the value.
///
/// fgetcsv lets a quote that never closes take the rest of the file into one value, silently. The reader returns that
/// record without cells, naming the line the quote opened on, and goes on from the line after it, so the caller
/// reports the row and no later row is lost. A quote still open at a line that starts more than
/// <see cref="MaxEnclosedBytes"/> after it counts as never closing, which bounds what one such quote reads and holds.
///
/// Many such quotes would each read that far again, over bytes the one before read. But a field open across a line end
/// is in one state at the next line's start whatever opened it (no escape or doubled enclosure reaches over a line
/// end), so what one quote's failed look-ahead saw holds for any later quote that reaches those lines (see
/// <see cref="_stillOpen"/>): such a quote fails without reading them again, or, if its own limit lies further on, only
/// the bytes after them are read to learn whether it closes there. So the look-aheads of a reader read each byte about
/// once, whatever the number of quotes.
///
/// Works on UTF-8 bytes: delimiter, enclosure and escape are ASCII, which no multi-byte sequence holds.
/// </summary>
public sealed class ImportCsvReader(Func<long, Stream> open, long offset, long line, char delimiter, char enclosure, char escape) : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    // An enclosed value this long has not closed: the longest any field takes is a textarea's 65,535 characters, at
    // most 4 bytes each. Without the bound, a quote that never closes would read, and hold, the rest of the file
    // before its row is reported. Counted in the file's bytes from the quote, so that it does not depend on how the
    // lines in between were read (see _stillOpen).
    internal const int MaxEnclosedBytes = 65_535 * 4;

    private readonly byte _delimiter = (byte)delimiter;
    private readonly byte _enclosure = (byte)enclosure;
    private readonly byte _escape = (byte)escape;
    private readonly bool _escapes = escape != enclosure;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly ArrayBufferWriter<byte> _value = new();
    private Stream _stream = open(offset);
    private int _start, _end;
    private bool _ended;

    // The absolute offset of the first unread byte, and the number of the last line read.
    private long _offset = offset;
    private long _line = line - 1;

    // The record read so far, line by line, and the field being read: its next byte and the end of its line's text.
    private byte[] _text = new byte[BufferSize];
    private int _textLength, _i, _limit;

    // Set when a quote opens: its line, and the offset after that line, where the reader goes on if it never closes;
    // and the offset of the quote itself, from which MaxEnclosedBytes counts.
    private (long Line, long Offset) _quoteOpened;
    private long _quoteAt;

    /// <summary>
    /// What the last look-ahead that failed saw: a field open at the start of any line from <c>From</c> up to <c>To</c>
    /// stays open through <c>To</c>, a line start, or through the end of the file when <c>ToEnd</c>.
    /// </summary>
    private (long From, long To, bool ToEnd)? _stillOpen;

    // Reads on from _stillOpen.To for the quotes that reach it, kept from one to the next so it reads the file onward once.
    private ImportCsvReader? _beyond;

    /// <summary>The next record, or null at the end of the file.</summary>
    public async ValueTask<ImportCsvRecord?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            _textLength = 0;
            var (start, first) = (_offset, _line + 1);
            if (await NextLineAsync(cancellationToken) is not { } limit)
                return null;
            if (limit == 0)
                continue;
            (_i, _limit) = (0, limit);
            var cells = new List<string>();
            while (true)
            {
                if (!await ReadFieldAsync(cancellationToken))
                    return await Unclosed(start, first);
                cells.Add(Encoding.UTF8.GetString(_value.WrittenSpan));
                if (_i >= _limit)
                    return new ImportCsvRecord(first, start, cells.ToArray());
                _i++;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        if (_beyond is not null)
            await _beyond.DisposeAsync();
    }

    private async Task<ImportCsvRecord> Unclosed(long start, long first)
    {
        var (quoteLine, resumeAt) = _quoteOpened;
        // Where the bytes of the line after the quote are still in the buffer, as after a look-ahead cut short by
        // _stillOpen, the reader goes on from them instead of reading them again.
        var bufferAt = _offset - _start;
        if (resumeAt >= bufferAt && resumeAt <= bufferAt + _end)
            _start = (int)(resumeAt - bufferAt);
        else
        {
            await _stream.DisposeAsync();
            _stream = open(resumeAt);
            (_start, _end, _ended) = (0, 0, false);
        }
        (_offset, _line) = (resumeAt, quoteLine);
        return new ImportCsvRecord(first, start, [], quoteLine);
    }

    /// <summary>Reads the field at <see cref="_i"/> into <see cref="_value"/>, leaving <see cref="_i"/> at its delimiter or line end; false when its quote never closes.</summary>
    private async ValueTask<bool> ReadFieldAsync(CancellationToken cancellationToken)
    {
        _value.ResetWrittenCount();
        if (_enclosure == 0)
            return await ReadEscapedAsync(cancellationToken);
        var quote = _i;
        while (quote < _limit && _text[quote] != _delimiter && IsSpace(_text[quote]))
            quote++;
        if (quote < _limit && _text[quote] == _enclosure)
        {
            _i = quote + 1;
            _quoteOpened = (_line, _offset);
            _quoteAt = _offset - _textLength + quote;
            if (!await ReadEnclosedAsync(cancellationToken))
                return false;
        }
        // An unenclosed value, or text after the closing enclosure: up to the delimiter.
        var rest = _text.AsSpan(_i, _limit - _i);
        var end = rest.IndexOf(_delimiter) is var at and >= 0 ? at : rest.Length;
        _value.Write(rest[..end]);
        _i += end;
        return true;
    }

    private async ValueTask<bool> ReadEnclosedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var rest = _text.AsSpan(_i, _limit - _i);
            var at = _escapes ? rest.IndexOfAny(_enclosure, _escape) : rest.IndexOf(_enclosure);
            if (at < 0)
            {
                _value.Write(rest);
                if (!await ContinueEnclosedAsync(cancellationToken))
                    return false;
                continue;
            }
            _value.Write(rest[..at]);
            _i += at;
            if (_text[_i] == _enclosure && _i + 1 < _limit && _text[_i + 1] == _enclosure)
            {
                _value.Write([_enclosure]);
                _i += 2;
            }
            else if (_text[_i] == _enclosure)
            {
                _i++;
                return true;
            }
            else
            {
                // The escape and what it protects are both kept; at the line end it protects nothing.
                var kept = Math.Min(2, _limit - _i);
                _value.Write(_text.AsSpan(_i, kept));
                _i += kept;
            }
        }
    }

    /// <summary>
    /// Goes on to the next line with the field still open; false when the quote counts as never closing, which is
    /// remembered in <see cref="_stillOpen"/> for the quotes after it.
    /// </summary>
    private async ValueTask<bool> ContinueEnclosedAsync(CancellationToken cancellationToken)
    {
        var from = _quoteOpened.Offset;
        if (_offset - _quoteAt > MaxEnclosedBytes)
            return NeverCloses(from, _offset, toEnd: false);
        if (_stillOpen is { } seen && _offset >= seen.From && _offset < seen.To)
        {
            // Open through seen.To without reading a byte of it: past this quote's limit, or to the end, it never closes;
            // else only what follows seen.To tells, and if the field closes there it is read whole as usual.
            if (seen.ToEnd || seen.To - _quoteAt > MaxEnclosedBytes)
                return NeverCloses(from, seen.To, seen.ToEnd);
            if (_beyond?._offset != seen.To)
            {
                if (_beyond is not null)
                    await _beyond.DisposeAsync();
                _beyond = new ImportCsvReader(open, seen.To, 1, (char)_delimiter, (char)_enclosure, (char)_escape);
            }
            if (await _beyond.OpenThroughAsync(_quoteAt, cancellationToken) is { } further)
                return NeverCloses(from, further.To, further.ToEnd);
            // It closes after seen.To, so the reader passes seen.To with this record: no later quote can use it.
            _stillOpen = null;
        }
        if (!await ContinueOnNextLineAsync(cancellationToken))
            return NeverCloses(from, _offset, toEnd: true);
        return true;
    }

    private bool NeverCloses(long from, long to, bool toEnd)
    {
        _stillOpen = (from, to, toEnd);
        return false;
    }

    /// <summary>
    /// Reads from this reader's start, a line start, as inside a field opened at <paramref name="quoteAt"/>: null when
    /// the field closes within its limit, else how far it was seen open.
    /// </summary>
    private async ValueTask<(long From, long To, bool ToEnd)?> OpenThroughAsync(long quoteAt, CancellationToken cancellationToken)
    {
        (_quoteAt, _quoteOpened, _stillOpen, _textLength) = (quoteAt, (_line, _offset), null, 0);
        _value.ResetWrittenCount();
        if (await NextLineAsync(cancellationToken) is not { } limit)
            return (_offset, _offset, true);
        (_i, _limit) = (0, limit);
        return await ReadEnclosedAsync(cancellationToken) ? null : _stillOpen;
    }

    private async ValueTask<bool> ReadEscapedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var rest = _text.AsSpan(_i, _limit - _i);
            var at = rest.IndexOfAny(_delimiter, _escape);
            if (at < 0 || rest[at] == _delimiter)
            {
                at = at < 0 ? rest.Length : at;
                _value.Write(rest[..at]);
                _i += at;
                return true;
            }
            _value.Write(rest[..at]);
            _i += at + 1;
            if (_i < _limit)
            {
                _value.Write(_text.AsSpan(_i++, 1));
                continue;
            }
            // An escape at the end of the file has nothing to protect and is text; before a line break it keeps it.
            if (_textLength == _limit)
            {
                _value.Write([_escape]);
                return true;
            }
            if (!await ContinueOnNextLineAsync(cancellationToken))
                return true;
        }
    }

    /// <summary>Adds the line end to the value and reads the next line into the record; false at the end of the file.</summary>
    private async ValueTask<bool> ContinueOnNextLineAsync(CancellationToken cancellationToken)
    {
        var lineStart = _textLength;
        _value.Write(_text.AsSpan(_limit, lineStart - _limit));
        if (await NextLineAsync(cancellationToken) is not { } limit)
            return false;
        (_i, _limit) = (lineStart, limit);
        return true;
    }

    /// <summary>Appends the next line to the record; answers where its text ends (before LF, CR LF, or a CR ending the file), or null at the end of the file.</summary>
    private async ValueTask<int?> NextLineAsync(CancellationToken cancellationToken)
    {
        var start = _textLength;
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
                break;
            var unread = _buffer.AsSpan(_start, _end - _start);
            var newline = unread.IndexOf((byte)'\n');
            var take = newline < 0 ? unread.Length : newline + 1;
            Append(unread[..take]);
            (_start, _offset) = (_start + take, _offset + take);
            if (newline >= 0)
                break;
        }
        if (_textLength == start)
            return null;
        _line++;
        var end = _textLength;
        if (_text[end - 1] == '\n')
            end--;
        if (end > start && _text[end - 1] == '\r')
            end--;
        return end;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_ended)
            return false;
        (_start, _end) = (0, await _stream.ReadAsync(_buffer, cancellationToken));
        // A byte order mark opens the file, not its first header.
        if (_offset == 0 && _buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            (_start, _offset) = (3, 3);
        _ended = _end == 0;
        return !_ended;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_textLength + bytes.Length > _text.Length)
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + bytes.Length));
        bytes.CopyTo(_text.AsSpan(_textLength));
        _textLength += bytes.Length;
    }

    // PHP's isspace, which fgetcsv skips before an enclosure.
    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';
}
