using Actors.Runtime.Membership;
using Actors.Runtime.Membership.Memory;
using Actors.Runtime.Membership.PostgreSql;
using Actors.Runtime.Membership.Redis;
using Actors.Runtime.Redis;
using Actors.Runtime.Tests.Persistence;
using Actors.Runtime.Tests.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Membership;

public sealed class MembershipTableRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddMembershipTable(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Fact]
    public async Task Without_settings_the_table_is_in_memory_for_the_default_cluster()
    {
        await using var services = Build([]);

        Assert.IsType<InMemoryMembershipTable>(services.GetRequiredService<IMembershipTable>());
        Assert.Equal(MembershipTableOptions.DefaultClusterId, services.GetRequiredService<IOptions<MembershipTableOptions>>().Value.ClusterId);
    }

    [Fact]
    public async Task The_postgresql_provider_uses_its_own_connection_string()
    {
        await using var services = Build(new()
        {
            ["Cluster:Membership:Provider"] = "postgresql",
            ["Cluster:Membership:ConnectionString"] = PostgreSqlGrainStorageTests.ServerConnectionString,
        });

        Assert.IsType<PostgreSqlMembershipTable>(services.GetRequiredService<IMembershipTable>());
    }

    [Fact]
    public async Task The_redis_provider_keeps_the_rows_of_the_configured_cluster()
    {
        var clusterId = "test-" + Guid.NewGuid().ToString("N");
        await using var services = Build(new()
        {
            ["Cluster:ClusterId"] = clusterId,
            ["Cluster:Membership:Provider"] = "Redis",
            ["Cluster:Membership:ConnectionString"] = TestRedis.ConnectionString,
        });
        var table = Assert.IsType<RedisMembershipTable>(services.GetRequiredService<IMembershipTable>());
        await table.InitializeAsync();
        try
        {
            var redis = services.GetRequiredKeyedService<RedisConnection>(MembershipTableServiceCollectionExtensions.ServiceKey);
            Assert.Equal("0", (await redis.ExecuteAsync("HGET", RedisMembershipTable.KeyPrefix + clusterId, "Version")).AsString());
        }
        finally
        {
            await table.DeleteMembershipTableEntries();
        }
    }

    [Fact]
    public async Task A_container_disposed_synchronously_closes_the_redis_connection()
    {
        var services = Build(new()
        {
            ["Cluster:Membership:Provider"] = "Redis",
            ["Cluster:Membership:ConnectionString"] = TestRedis.ConnectionString,
        });
        var redis = services.GetRequiredKeyedService<RedisConnection>(MembershipTableServiceCollectionExtensions.ServiceKey);
        await redis.ExecuteAsync("PING");

        services.Dispose();

        Assert.False(redis.IsConnected);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => redis.ExecuteAsync("PING"));
    }

    [Theory]
    [InlineData("Zookeeper", null, null, "Cluster:Membership:Provider 'Zookeeper' is not a membership provider; use one of: InMemory, PostgreSql, Redis.")]
    [InlineData("Redis", null, null, "Cluster:Membership:ConnectionString is required when Cluster:Membership:Provider is Redis.")]
    [InlineData("Redis", "cache:6379,ssl=true", null, "Cluster:Membership:ConnectionString is not a Redis connection string: 'ssl' is not a setting")]
    [InlineData("PostgreSql", " ", null, "Cluster:Membership:ConnectionString is required when Cluster:Membership:Provider is PostgreSql.")]
    [InlineData("PostgreSql", "Database=x", null, "Cluster:Membership:ConnectionString names no Host.")]
    [InlineData("InMemory", null, "", "Cluster:ClusterId must not be empty.")]
    public async Task A_bad_setting_is_refused_with_one_message_naming_it(string provider, string? connectionString, string? clusterId, string message)
    {
        await using var services = Build(new()
        {
            ["Cluster:Membership:Provider"] = provider,
            ["Cluster:Membership:ConnectionString"] = connectionString,
            ["Cluster:ClusterId"] = clusterId,
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IMembershipTable>());

        Assert.StartsWith(message, failure.Message);
        Assert.DoesNotContain('\n', failure.Message);
    }
}
