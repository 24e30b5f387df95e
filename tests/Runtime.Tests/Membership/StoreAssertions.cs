using Actors.Runtime.Membership;

namespace Actors.Runtime.Tests.Membership;

/// <summary>Checks that matter for every shared store (PostgreSQL, Redis) but not for the in-process table.</summary>
public static class StoreAssertions
{
    /// <summary>Two clusters' tables in one store: rows, versions and deletion of one never touch the other.</summary>
    public static async Task ClustersStayApartAsync(IMembershipTable first, IMembershipTable second)
    {
        await first.InitializeAsync();
        await second.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        var silo = new SiloAddress("10.0.0.1", 11111, 1);
        var entry = new MembershipEntry { Silo = silo, Status = SiloStatus.Joining, StartTime = now, IAmAliveTime = now };

        Assert.True(await first.InsertRow(entry, TableVersion.Initial.Next()));
        Assert.True(await second.InsertRow(entry with { Status = SiloStatus.Active }, TableVersion.Initial.Next()));
        Assert.True(await second.UpdateRow(entry with { Status = SiloStatus.Dead }, "1", new TableVersion(2, "2")));

        var firstData = await first.ReadAll();
        Assert.Equal(1, firstData.Version.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(firstData.Rows).Entry.Status);
        await first.DeleteMembershipTableEntries();
        var secondData = await second.ReadAll();
        Assert.Equal(2, secondData.Version.Version);
        Assert.Equal(SiloStatus.Dead, Assert.Single(secondData.Rows).Entry.Status);
    }

    /// <summary>Silos of a new cluster starting together all initialise it, and it starts empty at version 0.</summary>
    public static async Task ConcurrentInitialisationSucceedsAsync(Func<IMembershipTable> createTable)
    {
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => createTable().InitializeAsync()));

        var data = await createTable().ReadAll();
        Assert.Empty(data.Rows);
        Assert.Equal(TableVersion.Initial, data.Version);
    }

    /// <summary>An unreachable store fails with <see cref="MembershipTableUnavailableException"/> naming it.</summary>
    public static async Task UnreachableStoreIsNamedAsync(IMembershipTable table, string store)
    {
        var failure = await Assert.ThrowsAsync<MembershipTableUnavailableException>(() => table.InitializeAsync());

        Assert.Equal(store, failure.Store);
        Assert.StartsWith($"The membership table in {store} cannot be used: ", failure.Message);
        await Assert.ThrowsAsync<MembershipTableUnavailableException>(() => table.ReadAll());
    }
}
