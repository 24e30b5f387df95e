using System.Buffers;
using System.Numerics;
using System.Text;

namespace Actors.Runtime.Placement;

/// <summary>
/// MurmurHash3 (x86, 32-bit, seed 0) of a string's UTF-8 bytes. Every process of every version computes the same
/// value for the same text, which string.GetHashCode (randomised per process) does not.
/// </summary>
public static class StableHash
{
    public static uint Of(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var rented = length <= 256 ? null : ArrayPool<byte>.Shared.Rent(length);
        var bytes = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        Encoding.UTF8.GetBytes(text, bytes);
        var hash = Of(bytes);
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
        return hash;
    }

    public static uint Of(ReadOnlySpan<byte> data)
    {
        const uint c1 = 0xcc9e2d51, c2 = 0x1b873593;
        uint h = 0;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = BitConverter.ToUInt32(data.Slice(i * 4, 4));
            k *= c1;
            k = BitOperations.RotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = BitOperations.RotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        var tail = data[(blocks * 4)..];
        uint k1 = 0;
        switch (tail.Length)
        {
            case 3: k1 ^= (uint)tail[2] << 16; goto case 2;
            case 2: k1 ^= (uint)tail[1] << 8; goto case 1;
            case 1:
                k1 ^= tail[0];
                k1 *= c1;
                k1 = BitOperations.RotateLeft(k1, 15);
                k1 *= c2;
                h ^= k1;
                break;
        }
        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
