using System.Globalization;
using System.Text;

namespace Actors.Runtime.Redis;

/// <summary>The RESP2 reply types; RESP3 replies are read as the nearest of these (maps and sets as arrays).</summary>
public enum RedisReplyType
{
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,
}

/// <summary>One reply from Redis. A nil bulk string or nil array has <see cref="IsNil"/> set and no value.</summary>
public sealed class RedisReply
{
    private readonly string? _text;
    private readonly byte[]? _bytes;
    private readonly long _integer;
    private readonly IReadOnlyList<RedisReply>? _elements;

    private RedisReply(RedisReplyType type, string? text = null, byte[]? bytes = null, long integer = 0, IReadOnlyList<RedisReply>? elements = null)
    {
        Type = type;
        _text = text;
        _bytes = bytes;
        _integer = integer;
        _elements = elements;
    }

    public static readonly RedisReply NilBulkString = new(RedisReplyType.BulkString);
    public static readonly RedisReply NilArray = new(RedisReplyType.Array);

    internal static RedisReply SimpleString(string text) => new(RedisReplyType.SimpleString, text: text);
    internal static RedisReply Error(string message) => new(RedisReplyType.Error, text: message);
    internal static RedisReply Integer(long value) => new(RedisReplyType.Integer, integer: value);
    internal static RedisReply BulkString(byte[] bytes) => new(RedisReplyType.BulkString, bytes: bytes);
    internal static RedisReply Array(IReadOnlyList<RedisReply> elements) => new(RedisReplyType.Array, elements: elements);

    public RedisReplyType Type { get; }

    public bool IsNil => Type switch
    {
        RedisReplyType.BulkString => _bytes is null,
        RedisReplyType.Array => _elements is null,
        _ => false,
    };

    /// <summary>The reply as text: a string's content, an error's message, an integer's digits; null for nil.</summary>
    public string? AsString() => Type switch
    {
        RedisReplyType.SimpleString or RedisReplyType.Error => _text,
        RedisReplyType.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        RedisReplyType.BulkString => _bytes is null ? null : Encoding.UTF8.GetString(_bytes),
        _ => throw WrongType("a string"),
    };

    /// <summary>A bulk string's bytes; null for nil.</summary>
    public byte[]? AsBytes() => Type == RedisReplyType.BulkString ? _bytes : throw WrongType("a bulk string");

    /// <summary>An integer reply, or a string holding one (HGET of a counter).</summary>
    public long AsInt64() => Type == RedisReplyType.Integer
        ? _integer
        : long.TryParse(AsString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw WrongType("an integer");

    /// <summary>An array's elements; null for a nil array.</summary>
    public IReadOnlyList<RedisReply>? AsArray() => Type == RedisReplyType.Array ? _elements : throw WrongType("an array");

    public override string ToString() => Type switch
    {
        RedisReplyType.Array => _elements is null ? "(nil array)" : $"[{string.Join(", ", _elements)}]",
        _ when IsNil => "(nil)",
        _ => $"{Type} {AsString()}",
    };

    private InvalidCastException WrongType(string wanted) => new($"The Redis reply is {this}, not {wanted}.");
}
