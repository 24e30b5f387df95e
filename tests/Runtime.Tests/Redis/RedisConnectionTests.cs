using Actors.Runtime.Redis;

namespace Actors.Runtime.Tests.Redis;

public sealed class RedisConnectionTests : IAsyncLifetime
{
    private readonly RedisConnection _redis = TestRedis.Connect();
    private readonly string _key = "test:" + Guid.NewGuid().ToString("N");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _redis.ExecuteAsync("DEL", _key, _key + ":list");
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Replies_of_every_type_are_decoded()
    {
        Assert.Equal("PONG", (await _redis.ExecuteAsync("PING")).AsString());
        Assert.Equal(RedisReplyType.SimpleString, (await _redis.ExecuteAsync("SET", _key, "héllo\r\nworld")).Type);
        Assert.Equal("héllo\r\nworld", (await _redis.ExecuteAsync("GET", _key)).AsString());
        Assert.True((await _redis.ExecuteAsync("GET", _key + ":missing")).IsNil);
        Assert.Equal(3, (await _redis.ExecuteAsync("RPUSH", _key + ":list", "a", "", 42)).AsInt64());
        var list = (await _redis.ExecuteAsync("LRANGE", _key + ":list", 0, -1)).AsArray()!;
        Assert.Equal(["a", "", "42"], list.Select(element => element.AsString()));
        Assert.Empty((await _redis.ExecuteAsync("LRANGE", _key + ":missing", 0, -1)).AsArray()!);
        Assert.True((await _redis.ExecuteAsync("BLPOP", _key + ":missing", "0.01")).IsNil);

        var nested = (await _redis.ExecuteAsync("EVAL", "return {1, {'a', false}, redis.error_reply('E inner')}", 0)).AsArray()!;
        Assert.Equal(1, nested[0].AsInt64());
        Assert.Equal("a", nested[1].AsArray()![0].AsString());
        Assert.True(nested[1].AsArray()![1].IsNil);
        Assert.Equal(RedisReplyType.Error, nested[2].Type);
        Assert.Equal("E inner", nested[2].AsString());
    }

    [Fact]
    public async Task A_thousand_concurrent_commands_are_pipelined_on_one_connection_and_each_gets_its_own_reply()
    {
        var clientId = (await _redis.ExecuteAsync("CLIENT", "ID")).AsInt64();

        var replies = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => _redis.ExecuteAsync(i % 2 == 0 ? "ECHO" : "INCR", i % 2 == 0 ? "value-" + i : _key)));

        for (var i = 0; i < replies.Length; i += 2)
            Assert.Equal("value-" + i, replies[i].AsString());
        Assert.Equal(Enumerable.Range(1, 500), replies.Where((_, i) => i % 2 == 1).Select(reply => (int)reply.AsInt64()).Order());
        Assert.Equal(clientId, (await _redis.ExecuteAsync("CLIENT", "ID")).AsInt64());
    }

    [Fact]
    public async Task A_command_in_flight_when_the_server_kills_the_connection_fails_and_the_next_command_reconnects()
    {
        var clientId = (await _redis.ExecuteAsync("CLIENT", "ID")).AsInt64();
        var blocked = _redis.ExecuteAsync("BLPOP", _key + ":list", 4);
        await using var admin = TestRedis.Connect();
        while ((await admin.ExecuteAsync("CLIENT", "LIST", "ID", clientId)).AsString()!.Contains("cmd=blpop") is false)
            await Task.Delay(10);

        Assert.Equal(1, (await admin.ExecuteAsync("CLIENT", "KILL", "ID", clientId)).AsInt64());

        var lost = await Assert.ThrowsAsync<RedisConnectionException>(() => blocked);
        Assert.Contains("Lost the connection to Redis at", lost.Message);
        Assert.Equal("PONG", (await _redis.ExecuteAsync("PING")).AsString());
        Assert.NotEqual(clientId, (await _redis.ExecuteAsync("CLIENT", "ID")).AsInt64());
    }

    [Fact]
    public async Task An_error_reply_throws_with_the_servers_message_and_the_connection_stays_usable()
    {
        await _redis.ExecuteAsync("SET", _key, "text");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => _redis.ExecuteAsync("INCR", _key));

        Assert.Equal("ERR value is not an integer or out of range", error.Message);
        Assert.Equal("INCR", error.Command);
        Assert.Equal("text", (await _redis.ExecuteAsync("GET", _key)).AsString());
    }

    [Fact]
    public async Task Database_and_acl_credentials_from_the_connection_string_are_used_on_connect()
    {
        var user = "test-" + Guid.NewGuid().ToString("N");
        await _redis.ExecuteAsync("ACL", "SETUSER", user, "on", ">secret", "~*", "+@all");
        try
        {
            await using var inDatabase3 = TestRedis.Connect(options => options with { User = user, Password = "secret", Database = 3 });
            await inDatabase3.ExecuteAsync("SET", _key, "in 3");

            Assert.Equal(user, (await inDatabase3.ExecuteAsync("ACL", "WHOAMI")).AsString());
            Assert.True((await _redis.ExecuteAsync("GET", _key)).IsNil);
            Assert.Equal("in 3", (await inDatabase3.ExecuteAsync("GET", _key)).AsString());
            await inDatabase3.ExecuteAsync("DEL", _key);

            await using var wrongPassword = TestRedis.Connect(options => options with { User = user, Password = "wrong" });
            var refused = await Assert.ThrowsAsync<RedisConnectionException>(() => wrongPassword.ExecuteAsync("PING"));
            Assert.Contains("refused AUTH: WRONGPASS", refused.Message);
        }
        finally
        {
            await _redis.ExecuteAsync("ACL", "DELUSER", user);
        }
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_fails_with_a_message_naming_it()
    {
        await using var nowhere = new RedisConnection(RedisClientOptions.Parse("127.0.0.1:1,connectTimeout=2000"));

        var failure = await Assert.ThrowsAsync<RedisConnectionException>(() => nowhere.ExecuteAsync("PING"));

        Assert.StartsWith("Cannot connect to Redis at 127.0.0.1:1/0: ", failure.Message);
    }
}
