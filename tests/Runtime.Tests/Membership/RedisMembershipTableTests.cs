using Actors.Runtime.Membership;
using Actors.Runtime.Membership.Redis;
using Actors.Runtime.Redis;
using Actors.Runtime.Tests.Redis;

namespace Actors.Runtime.Tests.Membership;

/// <summary>Runs against a real redis-server; every test has a cluster id (so a hash) of its own.</summary>
public sealed class RedisMembershipTableTests : MembershipTableConformance
{
    private readonly RedisConnection _redis = TestRedis.Connect();
    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N");

    protected override Task<IMembershipTable> CreateTableAsync() => Task.FromResult<IMembershipTable>(new RedisMembershipTable(_redis, _clusterId));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Two_clusters_in_one_server_stay_apart()
    {
        var other = new RedisMembershipTable(_redis, "test-" + Guid.NewGuid().ToString("N"));
        try
        {
            await StoreAssertions.ClustersStayApartAsync(Table, other);
        }
        finally
        {
            await other.DeleteMembershipTableEntries();
        }
    }

    [Fact]
    public Task Silos_initialising_a_new_cluster_together_all_succeed() =>
        StoreAssertions.ConcurrentInitialisationSucceedsAsync(() => new RedisMembershipTable(_redis, _clusterId));

    [Fact]
    public async Task The_table_is_one_hash_per_cluster_with_a_version_field_and_a_field_per_silo()
    {
        var entry = NewEntry();
        await Table.InsertRow(entry, TableVersion.Initial.Next());

        var key = RedisMembershipTable.KeyPrefix + _clusterId;
        Assert.Equal("1", (await _redis.ExecuteAsync("HGET", key, "Version")).AsString());
        Assert.Contains("\"etag\":\"1\"", (await _redis.ExecuteAsync("HGET", key, entry.Silo.ToString())).AsString());
        Assert.Equal(2, (await _redis.ExecuteAsync("HLEN", key)).AsInt64());
    }

    [Fact]
    public async Task Heartbeats_racing_a_versioned_write_never_undo_it()
    {
        var entry = NewEntry();
        await Table.InsertRow(entry, TableVersion.Initial.Next());

        var heartbeats = Enumerable.Range(1, 20).Select(i => Table.UpdateIAmAlive(entry with { IAmAliveTime = entry.IAmAliveTime.AddSeconds(i) }));
        var update = Table.UpdateRow(entry with { Status = SiloStatus.Active }, "1", new TableVersion(2, "2"));
        await Task.WhenAll([.. heartbeats, update]);

        Assert.True(await update);
        var row = Assert.Single((await Table.ReadAll()).Rows);
        Assert.Equal(SiloStatus.Active, row.Entry.Status);
        Assert.Equal("2", row.ETag);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_named_in_the_failure()
    {
        await using var nowhere = new RedisConnection(RedisClientOptions.Parse("127.0.0.1:1,password=secret,connectTimeout=2000"));

        await StoreAssertions.UnreachableStoreIsNamedAsync(new RedisMembershipTable(nowhere, "test"), "Redis at 127.0.0.1:1/0");
    }
}
