namespace Actors.Runtime.MembershipService;

/// <summary>
/// The membership protocol's timing and voting settings (configuration section "ClusterMembership"), with
/// Orleans's names and defaults (ClusterMembershipOptions, v10). Tests shorten the times.
/// </summary>
public sealed class ClusterMembershipOptions
{
    public const string SectionName = "ClusterMembership";

    public const int DefaultNumProbedSilos = 10;
    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(5);
    public const int DefaultNumMissedProbesLimit = 3;
    public const int DefaultNumVotesForDeathDeclaration = 2;
    public static readonly TimeSpan DefaultDeathVoteExpirationTimeout = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DefaultTableRefreshTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultIAmAliveTablePublishTimeout = TimeSpan.FromSeconds(30);
    public const int DefaultNumMissedTableIAmAliveLimit = 3;
    public static readonly TimeSpan DefaultMaxJoinAttemptTime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultDefunctSiloExpiration = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultDefunctSiloCleanupPeriod = TimeSpan.FromHours(1);

    /// <summary>How many other silos each silo probes. Default 10.</summary>
    public int NumProbedSilos { get; set; } = DefaultNumProbedSilos;

    /// <summary>The probe period, and how long one probe may take before it counts as missed. Default 5 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = DefaultProbeTimeout;

    /// <summary>Consecutive missed probes after which the prober votes the silo dead. Default 3.</summary>
    public int NumMissedProbesLimit { get; set; } = DefaultNumMissedProbesLimit;

    /// <summary>Fresh votes that declare a silo dead, capped by (active non-stale silos + 1) / 2. Default 2.</summary>
    public int NumVotesForDeathDeclaration { get; set; } = DefaultNumVotesForDeathDeclaration;

    /// <summary>How long a vote stays fresh, measured back from the newest vote or now, whichever is later. Default 2 min.</summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = DefaultDeathVoteExpirationTimeout;

    /// <summary>How often a silo reads the whole table even when nothing told it of a change. Default 60 s.</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = DefaultTableRefreshTimeout;

    /// <summary>How often a silo writes its heartbeat (IAmAlive) to the table. Default 30 s.</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = DefaultIAmAliveTablePublishTimeout;

    /// <summary>Missed heartbeats after which a row counts as stale (not counted when votes are required). Default 3.</summary>
    public int NumMissedTableIAmAliveLimit { get; set; } = DefaultNumMissedTableIAmAliveLimit;

    /// <summary>How long a joining silo keeps trying to reach every active silo before it gives up. Default 5 min.</summary>
    public TimeSpan MaxJoinAttemptTime { get; set; } = DefaultMaxJoinAttemptTime;

    /// <summary>Dead rows whose last heartbeat is older than this are deleted. Default 7 days.</summary>
    public TimeSpan DefunctSiloExpiration { get; set; } = DefaultDefunctSiloExpiration;

    /// <summary>How often defunct rows are cleaned up. Default 1 h.</summary>
    public TimeSpan DefunctSiloCleanupPeriod { get; set; } = DefaultDefunctSiloCleanupPeriod;

    /// <summary>A row whose heartbeat is older than this is stale.</summary>
    internal TimeSpan StaleAfter => IAmAliveTablePublishTimeout * NumMissedTableIAmAliveLimit;
}
