using System.Globalization;
using System.Text;

namespace Actors.Api.Tracking;

/// <summary>
/// Reads the PHP-serialised associative arrays that Mautic puts, base64-encoded, in the <c>ct</c> and
/// <c>d</c> tracking parameters (for example <c>a:1:{s:8:"page_url";s:19:"https://example.com";}</c>).
/// Only arrays of strings, integers, floats, booleans, nulls and nested arrays are accepted; objects
/// are refused, since unserialising them is how PHP applications get exploited.
/// </summary>
public static class PhpSerializedArray
{
    private const int MaxDepth = 8;

    /// <summary>Decodes base64 then parses; false for anything malformed.</summary>
    public static bool TryDecode(string? base64, out IReadOnlyDictionary<string, object?> values)
    {
        values = new Dictionary<string, object?>();
        if (string.IsNullOrWhiteSpace(base64))
            return false;
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), bytes, out var length))
            return false;
        try
        {
            var reader = new Reader(bytes.AsSpan(0, length).ToArray());
            if (reader.ReadValue(0) is not Dictionary<string, object?> array || !reader.AtEnd)
                return false;
            values = array;
            return true;
        }
        catch (Exception malformed) when (malformed is FormatException or OverflowException)
        {
            return false;
        }
    }

    private sealed class Reader(byte[] text)
    {
        private int _position;

        public bool AtEnd => _position == text.Length;

        public object? ReadValue(int depth)
        {
            var kind = Next();
            if (kind == 'N')
            {
                Expect(';');
                return null;
            }
            Expect(':');
            switch (kind)
            {
                case 's':
                    var length = checked((int)ReadNumber(':'));
                    Expect('"');
                    // Compared against what is left rather than summed: a length near int.MaxValue would overflow the sum.
                    if (length < 0 || length > text.Length - _position)
                        throw new FormatException("string runs past the end");
                    var value = Encoding.UTF8.GetString(text, _position, length);
                    _position += length;
                    Expect('"');
                    Expect(';');
                    return value;
                case 'i':
                    return ReadNumber(';');
                case 'b':
                    return ReadNumber(';') != 0;
                case 'd':
                    return double.Parse(ReadUntil(';'), CultureInfo.InvariantCulture);
                case 'a':
                    if (depth >= MaxDepth)
                        throw new FormatException("arrays nested too deeply");
                    return ReadArray(checked((int)ReadNumber(':')), depth + 1);
                default:
                    throw new FormatException($"unsupported PHP value type '{kind}'");
            }
        }

        private Dictionary<string, object?> ReadArray(int count, int depth)
        {
            if (count < 0)
                throw new FormatException("negative element count");
            Expect('{');
            var array = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = ReadValue(depth) switch
                {
                    string s => s,
                    long n => n.ToString(CultureInfo.InvariantCulture),
                    _ => throw new FormatException("array keys must be strings or integers"),
                };
                array[key] = ReadValue(depth);
            }
            Expect('}');
            return array;
        }

        private long ReadNumber(char terminator) => long.Parse(ReadUntil(terminator), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        private string ReadUntil(char terminator)
        {
            var end = Array.IndexOf(text, (byte)terminator, _position);
            if (end < 0 || end - _position > 32)
                throw new FormatException($"expected '{terminator}'");
            var token = Encoding.ASCII.GetString(text, _position, end - _position);
            _position = end + 1;
            return token;
        }

        private char Next() => _position < text.Length ? (char)text[_position++] : throw new FormatException("unexpected end");

        private void Expect(char expected)
        {
            if (Next() != expected)
                throw new FormatException($"expected '{expected}'");
        }
    }
}
