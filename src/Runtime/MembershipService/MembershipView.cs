using Actors.Runtime.Membership;

namespace Actors.Runtime.MembershipService;

/// <summary>One silo as a membership view sees it.</summary>
public sealed record ClusterMember(SiloAddress Silo, SiloStatus Status, string SiloName)
{
    /// <summary>When the silo started, as its row says (the dashboard shows the age of silos that cannot answer).</summary>
    public DateTimeOffset StartTime { get; init; }
}

/// <summary>
/// An immutable snapshot of the cluster's membership at one table version. Views are delivered to subscribers in
/// strictly increasing version order, so placement never goes back to an older picture of the cluster.
/// </summary>
public sealed record MembershipView(int Version, IReadOnlyList<ClusterMember> Members)
{
    public static readonly MembershipView Empty = new(-1, []);

    /// <summary>The Active silos, ordered by address: the silos that own grains.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos { get; } =
        [.. Members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Silo).OrderBy(s => s.ToString(), StringComparer.Ordinal)];

    public SiloStatus StatusOf(SiloAddress silo) => Members.FirstOrDefault(m => m.Silo == silo)?.Status ?? SiloStatus.None;

    public static MembershipView From(MembershipTableData data)
        => new(data.Version.Version, [.. data.Rows.Select(r => new ClusterMember(r.Entry.Silo, r.Entry.Status, r.Entry.SiloName) { StartTime = r.Entry.StartTime })]);
}
