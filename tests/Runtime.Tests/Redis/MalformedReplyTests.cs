using System.Text;
using Actors.Runtime.Redis;

namespace Actors.Runtime.Tests.Redis;

/// <summary>A broken server makes commands fail promptly with a clear exception, and the client recovers on a new connection.</summary>
public sealed class MalformedReplyTests
{
    [Theory]
    [InlineData("?what\r\n")]
    [InlineData(":12x\r\n")]
    [InlineData(":\r\n")]
    [InlineData("$5\r\nabcdefg\r\n")]
    [InlineData("$-7\r\n")]
    [InlineData("*-5\r\n")]
    [InlineData("#maybe\r\n")]
    [InlineData("$99999999999\r\n")]
    public async Task A_malformed_reply_fails_the_command_and_the_next_command_gets_a_new_connection(string reply)
    {
        await using var server = new FakeRedisServer(connection => Encoding.ASCII.GetBytes(connection == 0 ? reply : "+PONG\r\n"));
        await using var redis = new RedisConnection(RedisClientOptions.Parse(server.ConnectionString));

        var failure = await Assert.ThrowsAsync<RedisConnectionException>(() => redis.ExecuteAsync("PING"));

        Assert.Contains("sent a malformed reply", failure.Message);
        Assert.IsType<RedisProtocolException>(failure.InnerException);
        Assert.Equal("PONG", (await redis.ExecuteAsync("PING")).AsString());
    }

    [Fact]
    public async Task A_line_that_never_ends_is_refused_instead_of_buffered_without_bound()
    {
        await using var server = new FakeRedisServer(_ => Encoding.ASCII.GetBytes("+" + new string('a', RespReader.MaxLineLength + 10)));
        await using var redis = new RedisConnection(RedisClientOptions.Parse(server.ConnectionString));

        var failure = await Assert.ThrowsAsync<RedisConnectionException>(() => redis.ExecuteAsync("PING"));

        Assert.Contains("without CRLF", failure.Message);
    }

    [Fact]
    public async Task A_reply_that_stops_half_way_times_out_and_closes_the_connection()
    {
        await using var server = new FakeRedisServer(connection => Encoding.ASCII.GetBytes(connection == 0 ? "$10\r\nabc" : "+PONG\r\n"));
        await using var redis = new RedisConnection(RedisClientOptions.Parse(server.ConnectionString) with { CommandTimeout = TimeSpan.FromMilliseconds(300) });

        var timeout = await Assert.ThrowsAsync<RedisTimeoutException>(() => redis.ExecuteAsync("GET", "key"));

        Assert.Contains("did not answer GET within", timeout.Message);
        Assert.False(redis.IsConnected);
        Assert.Equal("PONG", (await redis.ExecuteAsync("PING")).AsString());
    }

    [Fact]
    public async Task A_reply_to_no_command_closes_the_connection_after_answering_the_command_it_belongs_to()
    {
        await using var server = new FakeRedisServer(connection => Encoding.ASCII.GetBytes(connection == 0 ? "+OK\r\n+EXTRA\r\n" : "+PONG\r\n"));
        await using var redis = new RedisConnection(RedisClientOptions.Parse(server.ConnectionString));

        Assert.Equal("OK", (await redis.ExecuteAsync("PING")).AsString());
        while (redis.IsConnected)
            await Task.Delay(10);
        Assert.Equal("PONG", (await redis.ExecuteAsync("PING")).AsString());
    }

    [Theory]
    [InlineData("_\r\n", "(nil)")]
    [InlineData("#t\r\n", "Integer 1")]
    [InlineData(",3.5\r\n", "BulkString 3.5")]
    [InlineData("=8\r\ntxt:some\r\n", "BulkString some")]
    [InlineData("%1\r\n+key\r\n:7\r\n", "[SimpleString key, Integer 7]")]
    [InlineData("~2\r\n+a\r\n+b\r\n", "[SimpleString a, SimpleString b]")]
    [InlineData("|1\r\n+ttl\r\n:3\r\n+value\r\n", "SimpleString value")]
    public async Task Resp3_replies_read_as_their_resp2_counterparts(string reply, string expected)
    {
        await using var server = new FakeRedisServer(_ => Encoding.ASCII.GetBytes(reply));
        await using var redis = new RedisConnection(RedisClientOptions.Parse(server.ConnectionString));

        Assert.Equal(expected, (await redis.ExecuteAsync("PING")).ToString());
    }
}
