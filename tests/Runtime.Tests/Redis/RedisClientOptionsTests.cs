using Actors.Runtime.Redis;

namespace Actors.Runtime.Tests.Redis;

public sealed class RedisClientOptionsTests
{
    [Fact]
    public void Every_setting_of_the_text_form_is_read()
    {
        var options = RedisClientOptions.Parse("redis.example:6380, password=p=w ,user=app,database=2,connectTimeout=1500,commandTimeout=250");

        Assert.Equal(new RedisClientOptions
        {
            Host = "redis.example", Port = 6380, Password = "p=w", User = "app", Database = 2,
            ConnectTimeout = TimeSpan.FromMilliseconds(1500), CommandTimeout = TimeSpan.FromMilliseconds(250),
        }, options);
        Assert.Equal("redis.example:6380/2", options.ToString());
    }

    [Theory]
    [InlineData("localhost", "localhost", RedisClientOptions.DefaultPort)]
    [InlineData("[::1]:7000", "::1", 7000)]
    [InlineData("[::1]", "::1", RedisClientOptions.DefaultPort)]
    public void The_port_defaults_and_ipv6_hosts_are_bracketed(string text, string host, int port)
    {
        var options = RedisClientOptions.Parse(text);

        Assert.Equal((host, port), (options.Host, options.Port));
    }

    [Theory]
    [InlineData("", "names no host")]
    [InlineData("password=x", "names no host")]
    [InlineData("host:port", "'host:port' is not host:port")]
    [InlineData("host:70000", "is not host:port")]
    [InlineData("host,database=two", "database must be a whole number")]
    [InlineData("host,ssl=true", "'ssl' is not a setting")]
    public void Malformed_text_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(RedisClientOptions.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }
}
