using Actors.Runtime.Membership;

namespace Actors.Runtime.MembershipService;

/// <summary>
/// The vote arithmetic of death declaration (Orleans's MembershipTableManager.InnerTryToSuspectOrKill): a vote is
/// fresh within <see cref="ClusterMembershipOptions.DeathVoteExpirationTimeout"/> of the later of now and the newest
/// vote (so a voter whose clock runs ahead does not make every other vote look expired), each voter counts once,
/// at most <see cref="ClusterMembershipOptions.NumVotesForDeathDeclaration"/> votes are kept, and a silo is dead
/// when the fresh votes reach min(NumVotesForDeathDeclaration, (active non-stale silos + 1) / 2).
/// </summary>
internal static class SuspicionVotes
{
    /// <summary>The target's votes after <paramref name="voter"/> votes at <paramref name="now"/>: expired ones dropped, newest kept.</summary>
    public static IReadOnlyList<SuspectVote> AddVote(IReadOnlyList<SuspectVote> votes, SiloAddress voter, DateTimeOffset now, ClusterMembershipOptions options)
    {
        var fresh = Fresh(votes, now, options).Where(v => v.Voter != voter).ToList();
        fresh.Add(new SuspectVote(voter, now));
        return [.. fresh.OrderByDescending(v => v.Time).Take(options.NumVotesForDeathDeclaration)];
    }

    public static IEnumerable<SuspectVote> Fresh(IReadOnlyList<SuspectVote> votes, DateTimeOffset now, ClusterMembershipOptions options)
    {
        if (votes.Count == 0)
            return [];
        var newest = votes.Max(v => v.Time);
        var reference = newest > now ? newest : now;
        return votes.Where(v => reference - v.Time <= options.DeathVoteExpirationTimeout);
    }

    /// <summary>Votes needed to declare a silo dead in a cluster with <paramref name="activeNonStaleSilos"/> live silos.</summary>
    public static int Required(int activeNonStaleSilos, ClusterMembershipOptions options)
        => Math.Max(1, Math.Min(options.NumVotesForDeathDeclaration, (activeNonStaleSilos + 1) / 2));

    /// <summary>Active silos whose heartbeat is recent, the suspect itself included (it is still Active).</summary>
    public static int ActiveNonStale(MembershipTableData table, DateTimeOffset now, ClusterMembershipOptions options)
        => table.Rows.Count(r => r.Entry.Status == SiloStatus.Active && now - r.Entry.IAmAliveTime <= options.StaleAfter);
}
