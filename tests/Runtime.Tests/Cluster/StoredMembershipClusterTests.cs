using Actors.Runtime.Membership;
using Actors.Runtime.Membership.PostgreSql;
using Actors.Runtime.Membership.Redis;
using Actors.Runtime.Redis;
using Actors.Runtime.Tests.Infrastructure;
using Actors.Runtime.Tests.Persistence;
using Actors.Runtime.Tests.Redis;
using Actors.Runtime.Tests.TestGrains;
using Npgsql;
using static Actors.Runtime.Tests.Cluster.SiloFailureTests;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>
/// The membership protocol over a real store (ORLEANS-BRIEF §9 test 9): three silos sharing one PostgreSQL or Redis
/// table join, and a killed silo is declared Dead in the store while its grains come back on the survivors.
/// </summary>
public abstract class StoredMembershipClusterTests : IAsyncLifetime
{
    protected abstract IMembershipTable Table { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Three_silos_join_through_the_store_and_a_killed_one_is_declared_dead_there_with_its_grains_back_on_the_survivors()
    {
        await using var cluster = await TestClusters.StartAsync(configure: options => options.MembershipTable = Table);
        var joined = await Table.ReadAll();
        Assert.Equal(cluster.RunningSilos.Select(s => s.Address.ToString()).Order(),
            joined.Rows.Where(r => r.Entry.Status == SiloStatus.Active).Select(r => r.Entry.Silo.ToString()).Order());
        var victim = cluster.RunningSilos[1];
        var keys = OwnedBy(cluster, victim, 5);
        foreach (var key in keys)
            await cluster.Client.GetGrain<IClusterProbeGrain>(key).Add(3);

        await cluster.KillSiloAsync(victim);
        await Eventually.WaitUntilAsync(async () => (await Table.ReadAll()).Find(victim.Address)?.Entry.Status == SiloStatus.Dead, cluster.StabilizationTime() * 3);
        await cluster.WaitForLivenessToStabilizeAsync();

        var survivors = cluster.RunningSilos.Where(s => s != victim).Select(s => s.Address.ToString()).ToHashSet();
        foreach (var key in keys)
        {
            var report = await cluster.Client.GetGrain<IClusterProbeGrain>(key).Report();
            Assert.Contains(report.Silo, survivors);
            Assert.Equal(3, report.Value);
        }
    }
}

/// <summary>Orleans's ADO.NET layout in a schema of its own.</summary>
public sealed class PostgreSqlMembershipClusterTests : StoredMembershipClusterTests
{
    private readonly string _schema = "cluster_" + Guid.NewGuid().ToString("N");
    private NpgsqlDataSource? _dataSource;
    private IMembershipTable? _table;

    protected override IMembershipTable Table => _table!;

    public override async Task InitializeAsync()
    {
        await PostgreSqlGrainStorageTests.ExecuteAsync($"CREATE SCHEMA {_schema}");
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgreSqlGrainStorageTests.ServerConnectionString) { SearchPath = _schema }.ToString());
        _table = new PostgreSqlMembershipTable(_dataSource, "test-" + Guid.NewGuid().ToString("N"));
    }

    public override async Task DisposeAsync()
    {
        await _dataSource!.DisposeAsync();
        await PostgreSqlGrainStorageTests.ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");
    }
}

/// <summary>Orleans's Redis layout, a hash of its own per cluster id.</summary>
public sealed class RedisMembershipClusterTests : StoredMembershipClusterTests
{
    private readonly RedisConnection _redis = TestRedis.Connect();
    private readonly RedisMembershipTable _table;

    public RedisMembershipClusterTests() => _table = new RedisMembershipTable(_redis, "test-" + Guid.NewGuid().ToString("N"));

    protected override IMembershipTable Table => _table;

    public override async Task DisposeAsync()
    {
        await _table.DeleteMembershipTableEntries();
        await _redis.DisposeAsync();
    }
}
