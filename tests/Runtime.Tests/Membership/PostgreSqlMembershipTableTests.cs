using Actors.Runtime.Membership;
using Actors.Runtime.Membership.PostgreSql;
using Actors.Runtime.Tests.Persistence;
using Npgsql;

namespace Actors.Runtime.Tests.Membership;

/// <summary>Runs against a real PostgreSQL server, in a schema of its own per test, with a cluster id of its own.</summary>
public sealed class PostgreSqlMembershipTableTests : MembershipTableConformance
{
    private readonly string _schema = "membership_" + Guid.NewGuid().ToString("N");
    private NpgsqlDataSource? _dataSource;

    private NpgsqlDataSource DataSource => _dataSource!;

    protected override async Task<IMembershipTable> CreateTableAsync()
    {
        await PostgreSqlGrainStorageTests.ExecuteAsync($"CREATE SCHEMA {_schema}");
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgreSqlGrainStorageTests.ServerConnectionString) { SearchPath = _schema }.ToString());
        return NewTable();
    }

    private PostgreSqlMembershipTable NewTable(string? clusterId = null) => new(DataSource, clusterId ?? "test-" + Guid.NewGuid().ToString("N"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await DataSource.DisposeAsync();
        await PostgreSqlGrainStorageTests.ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");
    }

    [Fact]
    public Task Two_clusters_in_one_database_stay_apart() => StoreAssertions.ClustersStayApartAsync(NewTable(), NewTable());

    [Fact]
    public Task Silos_initialising_a_new_cluster_together_all_succeed()
    {
        var clusterId = "test-" + Guid.NewGuid().ToString("N");
        return StoreAssertions.ConcurrentInitialisationSucceedsAsync(() => NewTable(clusterId));
    }

    [Fact]
    public async Task The_rows_are_keyed_by_cluster_address_port_and_generation_with_the_version_of_their_last_write()
    {
        var entry = NewEntry();
        await Table.InsertRow(entry, TableVersion.Initial.Next());
        await Table.UpdateRow(entry with { Status = SiloStatus.Active }, "1", new TableVersion(2, "2"));

        await using var command = DataSource.CreateCommand("SELECT address, port, generation, status, etag FROM membership");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((entry.Silo.Host, entry.Silo.Port, entry.Silo.Generation, (int)SiloStatus.Active, 2),
            (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_named_in_the_failure()
    {
        await using var nowhere = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=members;Username=u;Password=secret;Timeout=2");

        await StoreAssertions.UnreachableStoreIsNamedAsync(new PostgreSqlMembershipTable(nowhere, "test"), "PostgreSQL at 127.0.0.1:1/members");
    }
}
