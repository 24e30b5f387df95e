namespace Actors.Runtime.Membership;

/// <summary>
/// The membership table of one cluster (Orleans's IMembershipTable). Providers: in-memory (one process),
/// PostgreSQL and Redis. All of them pass the one conformance suite in tests/Runtime.Tests/Membership.
///
/// Contract: <see cref="InsertRow"/> and <see cref="UpdateRow"/> succeed only when the stored table version equals
/// the version before <paramref name="tableVersion"/> (that is, <c>tableVersion.Version - 1</c>) and, for an update,
/// the row's ETag matches; they then store the row and the new table version atomically and answer true. Otherwise
/// they answer false and change nothing. An insert of a silo that already has a row answers false.
/// <see cref="UpdateIAmAlive"/> writes only the heartbeat time, without a version check or bump.
/// Connection failures throw; they are not answered as false.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Creates what the store needs (schema, the version row) if missing. Safe to call from every silo.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>The table version and the one row of <paramref name="silo"/>, if it has one.</summary>
    Task<MembershipTableData> ReadRow(SiloAddress silo);

    Task<MembershipTableData> ReadAll();

    Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion);

    Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion);

    /// <summary>Sets the heartbeat of the silo's row to <paramref name="entry"/>'s IAmAliveTime; a missing row is an error.</summary>
    Task UpdateIAmAlive(MembershipEntry entry);

    /// <summary>Deletes the rows of silos that are Dead and whose last heartbeat is older than <paramref name="beforeDate"/>.</summary>
    Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate);

    /// <summary>Deletes the whole cluster's table (tests and decommissioning).</summary>
    Task DeleteMembershipTableEntries();
}
