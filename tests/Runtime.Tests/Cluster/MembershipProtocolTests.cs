using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Actors.Runtime.Membership.Memory;
using Actors.Runtime.MembershipService;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>The table side of the protocol on the in-memory table, with a settable clock (Orleans's MembershipTableManagerTests).</summary>
public sealed class MembershipProtocolTests
{
    private readonly InMemoryMembershipTable _table = new();
    private readonly ManualClock _clock = new();
    private readonly ClusterMembershipOptions _options = new();

    [Fact]
    public async Task A_joining_silo_declares_the_older_generation_of_its_endpoint_dead()
    {
        var old = await JoinActiveAsync(Silo(1000, generation: 1));
        var fresh = Manager(Silo(1000, generation: 2));

        await fresh.JoinAsync(CancellationToken.None);

        var data = await _table.ReadAll();
        Assert.Equal(SiloStatus.Dead, data.Find(old.Manager.Local.Address)!.Entry.Status);
        Assert.Equal(SiloStatus.Joining, data.Find(fresh.Local.Address)!.Entry.Status);
    }

    [Fact]
    public async Task A_silo_older_than_a_generation_already_in_the_table_refuses_to_join_and_stops_itself()
    {
        await JoinActiveAsync(Silo(1000, generation: 5));
        var fatal = new RecordingFatalHandler();
        var stale = Manager(Silo(1000, generation: 4), fatal);

        var refused = await Assert.ThrowsAsync<SiloStartupException>(() => stale.JoinAsync(CancellationToken.None));

        Assert.Contains("superseded", refused.Message);
        Assert.Single(fatal.Reasons);
        Assert.Null((await _table.ReadAll()).Find(stale.Local.Address));
    }

    [Fact]
    public async Task One_vote_declares_a_silo_dead_in_a_two_silo_cluster()
    {
        var a = await JoinActiveAsync(Silo(1001));
        var b = await JoinActiveAsync(Silo(1002));
        await a.Manager.RefreshAsync();

        Assert.True(await a.Manager.TrySuspectOrKillAsync(b.Manager.Local.Address));

        Assert.Equal(SiloStatus.Dead, (await _table.ReadAll()).Find(b.Manager.Local.Address)!.Entry.Status);
    }

    [Fact]
    public async Task Three_silos_need_two_votes_from_different_silos()
    {
        var a = await JoinActiveAsync(Silo(1001));
        var b = await JoinActiveAsync(Silo(1002));
        var c = await JoinActiveAsync(Silo(1003));
        await a.Manager.RefreshAsync();
        await b.Manager.RefreshAsync();

        Assert.False(await a.Manager.TrySuspectOrKillAsync(c.Manager.Local.Address));
        Assert.False(await a.Manager.TrySuspectOrKillAsync(c.Manager.Local.Address));
        var afterOneVoter = (await _table.ReadAll()).Find(c.Manager.Local.Address)!.Entry;
        Assert.Equal(SiloStatus.Active, afterOneVoter.Status);
        Assert.Single(afterOneVoter.SuspectTimes);

        Assert.True(await b.Manager.TrySuspectOrKillAsync(c.Manager.Local.Address));
        Assert.Equal(SiloStatus.Dead, (await _table.ReadAll()).Find(c.Manager.Local.Address)!.Entry.Status);
    }

    [Fact]
    public async Task An_expired_vote_does_not_count_towards_death()
    {
        var a = await JoinActiveAsync(Silo(1001));
        var b = await JoinActiveAsync(Silo(1002));
        var c = await JoinActiveAsync(Silo(1003));
        await a.Manager.RefreshAsync();
        await b.Manager.RefreshAsync();

        Assert.False(await a.Manager.TrySuspectOrKillAsync(c.Manager.Local.Address));
        _clock.Advance(_options.DeathVoteExpirationTimeout + TimeSpan.FromSeconds(1));
        // Heartbeats keep the three rows non-stale across the jump.
        foreach (var silo in new[] { a, b, c })
            await silo.Manager.HeartbeatAsync();

        Assert.False(await b.Manager.TrySuspectOrKillAsync(c.Manager.Local.Address));
        Assert.Equal(SiloStatus.Active, (await _table.ReadAll()).Find(c.Manager.Local.Address)!.Entry.Status);
    }

    [Fact]
    public async Task Voting_on_a_silo_already_declared_dead_writes_nothing()
    {
        var a = await JoinActiveAsync(Silo(1001));
        var b = await JoinActiveAsync(Silo(1002));
        await a.Manager.RefreshAsync();
        Assert.True(await a.Manager.TrySuspectOrKillAsync(b.Manager.Local.Address));
        var version = (await _table.ReadAll()).Version.Version;

        Assert.True(await a.Manager.TrySuspectOrKillAsync(b.Manager.Local.Address));

        Assert.Equal(version, (await _table.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task A_silo_that_reads_itself_dead_stops_itself_once_and_writes_no_more()
    {
        var a = await JoinActiveAsync(Silo(1001));
        var b = await JoinActiveAsync(Silo(1002));
        await a.Manager.RefreshAsync();
        await a.Manager.TrySuspectOrKillAsync(b.Manager.Local.Address);

        await b.Manager.RefreshAsync();
        await b.Manager.RefreshAsync();
        await b.Manager.UpdateStatusAsync(SiloStatus.Active);

        Assert.Single(b.Fatal.Reasons);
        Assert.Contains("declares it dead", b.Fatal.Reasons[0]);
        Assert.Equal(SiloStatus.Dead, (await _table.ReadAll()).Find(b.Manager.Local.Address)!.Entry.Status);
    }

    [Fact]
    public async Task Views_reach_subscribers_in_increasing_version_order_only()
    {
        var a = await JoinActiveAsync(Silo(1001));
        var seen = new List<int>();
        using var subscription = a.Manager.Subscribe(view => seen.Add(view.Version));

        await JoinActiveAsync(Silo(1002));
        await a.Manager.RefreshAsync();
        await a.Manager.RefreshAsync();

        Assert.Equal(seen.Order().Distinct(), seen);
        Assert.Equal((await _table.ReadAll()).Version.Version, seen[^1]);
        Assert.Equal(2, a.Manager.CurrentView.ActiveSilos.Count);
    }

    [Fact]
    public void Required_votes_are_capped_by_half_the_live_silos()
    {
        Assert.Equal(1, SuspicionVotes.Required(1, _options));
        Assert.Equal(1, SuspicionVotes.Required(2, _options));
        Assert.Equal(2, SuspicionVotes.Required(3, _options));
        Assert.Equal(2, SuspicionVotes.Required(5, _options));
    }

    [Fact]
    public void A_vote_from_a_clock_running_ahead_counts_as_fresh_beside_a_recent_one()
    {
        var now = DateTimeOffset.UtcNow;
        var ahead = new SuspectVote(Silo(2), now + TimeSpan.FromMinutes(1));
        var recent = new SuspectVote(Silo(3), now - TimeSpan.FromSeconds(30));
        var expired = new SuspectVote(Silo(4), now - TimeSpan.FromMinutes(3));

        var fresh = SuspicionVotes.Fresh([ahead, recent, expired], now, _options).ToList();

        Assert.Equal([ahead, recent], fresh);
    }

    private async Task<(MembershipTableManager Manager, RecordingFatalHandler Fatal)> JoinActiveAsync(SiloAddress silo)
    {
        var fatal = new RecordingFatalHandler();
        var manager = Manager(silo, fatal);
        await manager.JoinAsync(CancellationToken.None);
        await manager.UpdateStatusAsync(SiloStatus.Active);
        return (manager, fatal);
    }

    private MembershipTableManager Manager(SiloAddress silo, RecordingFatalHandler? fatal = null)
        => new(_table, new LocalSilo(silo, silo.ToString()), Options.Create(_options), fatal ?? new RecordingFatalHandler(),
            new NoGossip(), new SiloCrash(), new MembershipLog(NullLogger<MembershipLog>.Instance), _clock);

    private static SiloAddress Silo(int port, int generation = 1) => new("127.0.0.1", port, generation);

    private sealed class RecordingFatalHandler : IFatalErrorHandler
    {
        public List<string> Reasons { get; } = [];
        public void OnFatalError(string reason) => Reasons.Add(reason);
    }

    private sealed class NoGossip : IMembershipGossip
    {
        public void TableChanged(IEnumerable<SiloAddress> peers) { }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}
