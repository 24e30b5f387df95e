using Actors.Runtime.Membership;

namespace Actors.Runtime.Tests.Membership;

/// <summary>
/// The behaviour every membership table provider must have (Orleans's MembershipTableTestsBase). A provider's test
/// class derives from this and supplies a fresh, initialised table of its own cluster per test.
/// </summary>
public abstract class MembershipTableConformance : IAsyncLifetime
{
    private static int _nextPort = 20000;

    protected IMembershipTable Table { get; private set; } = null!;

    protected abstract Task<IMembershipTable> CreateTableAsync();

    public async Task InitializeAsync()
    {
        Table = await CreateTableAsync();
        await Table.InitializeAsync();
    }

    public virtual async Task DisposeAsync() => await Table.DeleteMembershipTableEntries();

    protected static MembershipEntry NewEntry(SiloStatus status = SiloStatus.Joining)
    {
        var now = DateTimeOffset.UtcNow;
        var silo = new SiloAddress("127.0.0.1", Interlocked.Increment(ref _nextPort), SiloAddress.NewGeneration());
        return new MembershipEntry { Silo = silo, Status = status, SiloName = "silo-" + silo.Port, HostName = "host", StartTime = now, IAmAliveTime = now };
    }

    [Fact]
    public async Task A_new_table_is_empty_at_version_zero()
    {
        var data = await Table.ReadAll();

        Assert.Empty(data.Rows);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task An_inserted_row_reads_back_with_every_field_and_bumps_the_version()
    {
        var entry = NewEntry() with { SuspectTimes = [new SuspectVote(NewEntry().Silo, DateTimeOffset.UtcNow.AddSeconds(-3))] };
        var before = await Table.ReadAll();

        Assert.True(await Table.InsertRow(entry, before.Version.Next()));

        var all = await Table.ReadAll();
        var one = await Table.ReadRow(entry.Silo);
        Assert.Equal(1, all.Version.Version);
        Assert.Equal(1, one.Version.Version);
        var row = Assert.Single(one.Rows);
        AssertSameEntry(entry, row.Entry);
        AssertSameEntry(entry, Assert.Single(all.Rows).Entry);
    }

    [Fact]
    public async Task Reading_a_silo_without_a_row_answers_no_row_and_the_version()
    {
        await Table.InsertRow(NewEntry(), TableVersion.Initial.Next());

        var data = await Table.ReadRow(NewEntry().Silo);

        Assert.Empty(data.Rows);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task An_insert_with_a_stale_version_or_of_an_existing_silo_is_refused_without_side_effects()
    {
        var first = NewEntry();
        Assert.True(await Table.InsertRow(first, TableVersion.Initial.Next()));

        Assert.False(await Table.InsertRow(NewEntry(), TableVersion.Initial.Next()));
        Assert.False(await Table.InsertRow(first with { Status = SiloStatus.Active }, new TableVersion(2, "2")));

        var data = await Table.ReadAll();
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(data.Rows).Entry.Status);
    }

    [Fact]
    public async Task An_update_with_the_rows_etag_and_the_next_version_is_stored()
    {
        var entry = NewEntry();
        await Table.InsertRow(entry, TableVersion.Initial.Next());
        var read = await Table.ReadRow(entry.Silo);

        var active = entry with { Status = SiloStatus.Active };
        Assert.True(await Table.UpdateRow(active, read.Rows[0].ETag, read.Version.Next()));

        var after = await Table.ReadRow(entry.Silo);
        Assert.Equal(SiloStatus.Active, after.Rows[0].Entry.Status);
        Assert.Equal(2, after.Version.Version);
        Assert.NotEqual(read.Rows[0].ETag, after.Rows[0].ETag);
    }

    [Fact]
    public async Task An_update_with_a_stale_row_etag_or_table_version_is_refused()
    {
        var entry = NewEntry();
        await Table.InsertRow(entry, TableVersion.Initial.Next());
        var read = await Table.ReadRow(entry.Silo);
        await Table.UpdateRow(entry with { Status = SiloStatus.Active }, read.Rows[0].ETag, read.Version.Next());

        Assert.False(await Table.UpdateRow(entry with { Status = SiloStatus.Dead }, read.Rows[0].ETag, new TableVersion(3, "3")));
        var fresh = await Table.ReadRow(entry.Silo);
        Assert.False(await Table.UpdateRow(entry with { Status = SiloStatus.Dead }, fresh.Rows[0].ETag, read.Version.Next()));

        var after = await Table.ReadRow(entry.Silo);
        Assert.Equal(SiloStatus.Active, after.Rows[0].Entry.Status);
        Assert.Equal(2, after.Version.Version);
    }

    [Fact]
    public async Task Of_many_parallel_updates_from_one_read_exactly_one_wins()
    {
        var entry = NewEntry();
        await Table.InsertRow(entry, TableVersion.Initial.Next());
        var read = await Table.ReadRow(entry.Silo);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Table.UpdateRow(entry with { SiloName = "writer-" + i }, read.Rows[0].ETag, read.Version.Next())));

        Assert.Equal(1, results.Count(won => won));
        var after = await Table.ReadAll();
        Assert.Equal(2, after.Version.Version);
        Assert.Equal("writer-" + Array.IndexOf(results, true), after.Rows[0].Entry.SiloName);
    }

    [Fact]
    public async Task A_heartbeat_changes_only_the_alive_time_and_not_the_version_or_etag()
    {
        var entry = NewEntry();
        await Table.InsertRow(entry, TableVersion.Initial.Next());
        var before = await Table.ReadRow(entry.Silo);
        var later = entry.IAmAliveTime.AddMinutes(1);

        await Table.UpdateIAmAlive(entry with { IAmAliveTime = later, Status = SiloStatus.Dead });

        var after = await Table.ReadRow(entry.Silo);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Rows[0].ETag, after.Rows[0].ETag);
        Assert.Equal(SiloStatus.Joining, after.Rows[0].Entry.Status);
        AssertCloseTo(later, after.Rows[0].Entry.IAmAliveTime);
    }

    [Fact]
    public async Task Cleanup_deletes_only_dead_rows_older_than_the_date()
    {
        var old = DateTimeOffset.UtcNow.AddDays(-8);
        var deadAndOld = NewEntry(SiloStatus.Dead) with { IAmAliveTime = old };
        var deadButRecent = NewEntry(SiloStatus.Dead);
        var activeAndOld = NewEntry(SiloStatus.Active) with { IAmAliveTime = old };
        var version = TableVersion.Initial;
        foreach (var entry in new[] { deadAndOld, deadButRecent, activeAndOld })
            Assert.True(await Table.InsertRow(entry, version = version.Next()));

        await Table.CleanupDefunctSiloEntries(DateTimeOffset.UtcNow.AddDays(-7));

        var silos = (await Table.ReadAll()).Rows.Select(row => row.Entry.Silo).ToHashSet();
        Assert.Equal([deadButRecent.Silo, activeAndOld.Silo], silos.OrderBy(silo => silo.Port));
    }

    [Fact]
    public async Task Deleting_the_table_removes_every_row_and_resets_the_version()
    {
        await Table.InsertRow(NewEntry(), TableVersion.Initial.Next());

        await Table.DeleteMembershipTableEntries();
        await Table.InitializeAsync();

        var data = await Table.ReadAll();
        Assert.Empty(data.Rows);
        Assert.Equal(0, data.Version.Version);
    }

    private static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.Silo, actual.Silo);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.HostName, actual.HostName);
        AssertCloseTo(expected.StartTime, actual.StartTime);
        AssertCloseTo(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(expected.SuspectTimes.Count, actual.SuspectTimes.Count);
        foreach (var (want, got) in expected.SuspectTimes.Zip(actual.SuspectTimes))
        {
            Assert.Equal(want.Voter, got.Voter);
            AssertCloseTo(want.Time, got.Time);
        }
    }

    /// <summary>Stores keep times to the millisecond at least; a microsecond-exact round trip is not part of the contract.</summary>
    private static void AssertCloseTo(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.True((expected - actual).Duration() < TimeSpan.FromMilliseconds(1), $"expected {expected:O}, got {actual:O}");
}
