namespace Actors.Runtime.Membership;

/// <summary>
/// The version of the whole membership table. Every row insert or update names the version it read and the one it
/// writes; a store that finds another version refuses the write with no side effect (optimistic concurrency).
/// </summary>
public sealed record TableVersion(int Version, string ETag)
{
    public static readonly TableVersion Initial = new(0, "0");

    /// <summary>The version a write based on this one must carry.</summary>
    public TableVersion Next() => new(Version + 1, (Version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>A row as read, with the ETag an update of it must carry.</summary>
public sealed record MembershipRow(MembershipEntry Entry, string ETag);

/// <summary>A consistent read of the table: the rows and the table version, taken atomically.</summary>
public sealed record MembershipTableData(IReadOnlyList<MembershipRow> Rows, TableVersion Version)
{
    public MembershipRow? Find(SiloAddress silo) => Rows.FirstOrDefault(row => row.Entry.Silo == silo);
}
