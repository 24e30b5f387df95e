using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Actors.Runtime.Redis;

/// <summary>
/// Decodes RESP replies from a byte sequence that may end mid-reply. RESP2 types are read as they are; the RESP3
/// types a server may send (null, boolean, double, big number, verbatim and blob error strings, maps, sets,
/// attributes) are read as their RESP2 counterparts, so a client works whichever protocol the server speaks.
/// Anything else is a <see cref="RedisProtocolException"/>, and so are sizes that no real server sends, so a
/// broken or hostile peer can neither make the reader wait forever for a line nor allocate without bound.
/// </summary>
internal static class RespReader
{
    /// <summary>Redis's own proto-max-bulk-len default.</summary>
    public const int MaxBulkLength = 512 * 1024 * 1024;

    /// <summary>Longest header or simple-string line accepted; Redis's error messages are far shorter.</summary>
    public const int MaxLineLength = 64 * 1024;

    public const int MaxDepth = 32;

    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    /// <summary>Reads one whole reply from the start of <paramref name="buffer"/> and slices it off; false if the reply is incomplete.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out RedisReply reply)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!TryReadReply(ref reader, 0, out reply))
            return false;
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static bool TryReadReply(ref SequenceReader<byte> reader, int depth, out RedisReply reply)
    {
        reply = RedisReply.NilBulkString;
        if (depth > MaxDepth)
            throw new RedisProtocolException($"Reply nested deeper than {MaxDepth} levels.");
        if (!reader.TryRead(out var type) || !TryReadLine(ref reader, out var line))
            return false;
        switch ((char)type)
        {
            case '+':
                reply = RedisReply.SimpleString(Encoding.UTF8.GetString(line));
                return true;
            case '-':
                reply = RedisReply.Error(Encoding.UTF8.GetString(line));
                return true;
            case ':':
                reply = RedisReply.Integer(ParseInteger(line, type));
                return true;
            case '_':
                reply = RedisReply.NilBulkString;
                return true;
            case '#':
                reply = RedisReply.Integer(ParseBoolean(line));
                return true;
            case ',' or '(':
                reply = RedisReply.BulkString(line.ToArray());
                return true;
            case '$':
                return TryReadBulk(ref reader, ParseInteger(line, type), out reply);
            case '!':
                if (!TryReadBulk(ref reader, ParseInteger(line, type), out var blob))
                    return false;
                reply = RedisReply.Error(blob.AsString() ?? "");
                return true;
            case '=':
                if (!TryReadBulk(ref reader, ParseInteger(line, type), out var verbatim))
                    return false;
                // "txt:" or "mkd:" says how to display the text; it is not part of the value.
                var bytes = verbatim.AsBytes() ?? [];
                reply = RedisReply.BulkString(bytes.Length >= 4 && bytes[3] == ':' ? bytes[4..] : bytes);
                return true;
            case '*' or '~':
                return TryReadAggregate(ref reader, ParseInteger(line, type), depth, pairs: false, out reply);
            case '%':
                return TryReadAggregate(ref reader, ParseInteger(line, type), depth, pairs: true, out reply);
            case '|':
                // An attribute describes the reply that follows it; the reply is what the caller asked for.
                return TryReadAggregate(ref reader, ParseInteger(line, type), depth, pairs: true, out _)
                    && TryReadReply(ref reader, depth, out reply);
            default:
                throw new RedisProtocolException($"Unexpected reply type byte 0x{type:X2}.");
        }
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out ReadOnlySpan<byte> line)
    {
        line = default;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> sequence, CrLf))
        {
            if (reader.Remaining > MaxLineLength)
                throw new RedisProtocolException($"A reply line runs past {MaxLineLength} bytes without CRLF.");
            return false;
        }
        if (sequence.Length > MaxLineLength)
            throw new RedisProtocolException($"A reply line runs past {MaxLineLength} bytes.");
        line = sequence.IsSingleSegment ? sequence.FirstSpan : sequence.ToArray();
        return true;
    }

    private static bool TryReadBulk(ref SequenceReader<byte> reader, long length, out RedisReply reply)
    {
        reply = RedisReply.NilBulkString;
        if (length == -1)
            return true;
        if (length is < 0 or > MaxBulkLength)
            throw new RedisProtocolException($"Bulk string length {length} is out of range.");
        if (reader.Remaining < length + 2)
            return false;
        var bytes = new byte[length];
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext(CrLf, advancePast: true))
            throw new RedisProtocolException("A bulk string is not followed by CRLF.");
        reply = RedisReply.BulkString(bytes);
        return true;
    }

    private static bool TryReadAggregate(ref SequenceReader<byte> reader, long count, int depth, bool pairs, out RedisReply reply)
    {
        reply = RedisReply.NilArray;
        if (count == -1)
            return true;
        if (pairs)
            count *= 2;
        // Every element takes at least three bytes, so a count beyond what is buffered cannot be complete yet;
        // checking it first keeps a forged count from sizing an allocation.
        if (count < 0 || count > int.MaxValue / 2)
            throw new RedisProtocolException($"Aggregate length {count} is out of range.");
        if (reader.Remaining < count * 3)
            return false;
        var elements = new RedisReply[count];
        for (var i = 0; i < elements.Length; i++)
        {
            if (!TryReadReply(ref reader, depth + 1, out elements[i]))
                return false;
        }
        reply = RedisReply.Array(elements);
        return true;
    }

    private static long ParseInteger(ReadOnlySpan<byte> line, byte type) =>
        Utf8Parser.TryParse(line, out long value, out var consumed) && consumed == line.Length && line.Length > 0
            ? value
            : throw new RedisProtocolException($"'{(char)type}' reply has a malformed number: '{Encoding.UTF8.GetString(line)}'.");

    private static long ParseBoolean(ReadOnlySpan<byte> line) => line switch
    {
        [(byte)'t'] => 1,
        [(byte)'f'] => 0,
        _ => throw new RedisProtocolException($"Malformed boolean reply '{Encoding.UTF8.GetString(line)}'."),
    };
}
