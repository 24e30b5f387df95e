using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Actors.Runtime.Redis;

/// <summary>Encodes a command as RESP sends every command: an array of bulk strings, the name first.</summary>
internal static class RespWriter
{
    public static byte[] Encode(string name, ReadOnlySpan<RedisArgument> arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(32 + name.Length);
        WriteHeader(buffer, (byte)'*', arguments.Length + 1);
        WriteBulk(buffer, Encoding.UTF8.GetBytes(name));
        foreach (var argument in arguments)
            WriteBulk(buffer, argument.Bytes.Span);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteHeader(ArrayBufferWriter<byte> buffer, byte type, long number)
    {
        var span = buffer.GetSpan(22);
        span[0] = type;
        Utf8Formatter.TryFormat(number, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        buffer.Advance(3 + written);
    }

    private static void WriteBulk(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        WriteHeader(buffer, (byte)'$', bytes.Length);
        buffer.Write(bytes);
        buffer.Write("\r\n"u8);
    }
}
