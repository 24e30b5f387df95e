namespace Actors.Runtime.Membership;

/// <summary>One vote that a silo is dead: who suspected it and when.</summary>
public sealed record SuspectVote(SiloAddress Voter, DateTimeOffset Time);

/// <summary>
/// One silo's row of the membership table. Everything but <see cref="IAmAliveTime"/> changes only through a
/// versioned write (<see cref="IMembershipTable.UpdateRow"/>); the heartbeat is a dirty write of its own.
/// </summary>
public sealed record MembershipEntry
{
    public required SiloAddress Silo { get; init; }
    public required SiloStatus Status { get; init; }
    /// <summary>A readable name for logs and the dashboard (the pod name on Kubernetes).</summary>
    public string SiloName { get; init; } = "";
    public string HostName { get; init; } = "";
    public required DateTimeOffset StartTime { get; init; }
    /// <summary>The silo's last heartbeat; stale after a few missed publish periods.</summary>
    public required DateTimeOffset IAmAliveTime { get; init; }
    public IReadOnlyList<SuspectVote> SuspectTimes { get; init; } = [];
}
