using Actors.Runtime.Redis;

namespace Actors.Runtime.Tests.Redis;

/// <summary>The real redis-server the tests run against, named by ACTORS_TEST_REDIS (build.sh starts a private one).</summary>
public static class TestRedis
{
    public const string Variable = "ACTORS_TEST_REDIS";

    /// <summary>Failing rather than skipping keeps a missing server from passing silently.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the Redis tests cannot run. Run them with ./build.sh test (it starts a private " +
                $"redis-server), or start one (redis-server --port 6390 --save '') and set {Variable}=127.0.0.1:6390.");

    public static RedisConnection Connect(Func<RedisClientOptions, RedisClientOptions>? configure = null)
    {
        var options = RedisClientOptions.Parse(ConnectionString);
        return new RedisConnection(configure is null ? options : configure(options));
    }
}
