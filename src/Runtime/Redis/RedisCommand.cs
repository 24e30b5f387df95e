using System.Globalization;
using System.Text;

namespace Actors.Runtime.Redis;

/// <summary>One argument of a command: text (UTF-8), an integer (its decimal digits) or raw bytes.</summary>
public readonly struct RedisArgument
{
    private RedisArgument(ReadOnlyMemory<byte> bytes) => Bytes = bytes;

    public ReadOnlyMemory<byte> Bytes { get; }

    public static implicit operator RedisArgument(string text) => new(Encoding.UTF8.GetBytes(text));

    public static implicit operator RedisArgument(long number) => new(Encoding.ASCII.GetBytes(number.ToString(CultureInfo.InvariantCulture)));

    public static implicit operator RedisArgument(byte[] bytes) => new(bytes);
}

/// <summary>A command encoded once, when it is built, so that the connection's writer only copies bytes.</summary>
public sealed class RedisCommand(string name, params ReadOnlySpan<RedisArgument> arguments)
{
    public string Name { get; } = name;

    internal byte[] Payload { get; } = RespWriter.Encode(name, arguments);

    public override string ToString() => Name;
}
