using System.Buffers;
using System.Text;
using Actors.Runtime.Redis;

namespace Actors.Runtime.Tests.Redis;

public sealed class RespReaderTests
{
    private const string NestedReply = "*3\r\n$5\r\nhe\r\nl\r\n*2\r\n:-42\r\n$-1\r\n-ERR boom\r\n";

    [Fact]
    public void A_reply_arriving_a_byte_at_a_time_is_read_only_once_complete()
    {
        var bytes = Encoding.ASCII.GetBytes(NestedReply + "+NEXT\r\n");

        for (var length = 0; length < NestedReply.Length; length++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, length);
            Assert.False(RespReader.TryRead(ref partial, out _), $"read a reply from {length} bytes");
            Assert.Equal(length, partial.Length);
        }
        var whole = new ReadOnlySequence<byte>(bytes);
        Assert.True(RespReader.TryRead(ref whole, out var reply));

        Assert.Equal("[BulkString he\r\nl, [Integer -42, (nil)], Error ERR boom]", reply.ToString());
        Assert.Equal("+NEXT\r\n", Encoding.ASCII.GetString(whole.ToArray()));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("*1\r\n", RespReader.MaxDepth + 2)) + ":1\r\n");
        var sequence = new ReadOnlySequence<byte>(bytes);

        try
        {
            RespReader.TryRead(ref sequence, out _);
            Assert.Fail("a reply nested past the limit was accepted");
        }
        catch (RedisProtocolException refused)
        {
            Assert.Contains("nested deeper than", refused.Message);
        }
    }
}
