using Actors.Grains.Contacts;
using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Grains.Tests.Contacts;

/// <summary>
/// Merges that name each other (A absorbing B while B absorbs A, or a longer cycle) once deadlocked until the
/// response timeout and left both contacts unreadable. The silos here time calls out after five seconds, so a
/// deadlock fails a test quickly instead of slowly (two seconds timed out a setup hit at a load average of 15).
/// </summary>
public sealed class OpposingMergeTests : IAsyncLifetime
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(5);
    // A bound for the retries to settle, not a speed: on two loaded cores a cycle of three's timer retries took over 5 s.
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(30);
    private ContactSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await ContactSilo.StartAsync(responseTimeout: ShortTimeout);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Opposing_merges_at_once_end_as_exactly_one_merge_with_nothing_lost()
    {
        // Several rounds, so the two requests meet in different orders.
        for (var round = 0; round < 10; round++)
        {
            var contacts = await Visitors(round, 2);

            var outcomes = await Task.WhenAll(
                Task.Run(() => _silo.Contact(contacts[0].ContactId).Absorb(contacts[1].ContactId)),
                Task.Run(() => _silo.Contact(contacts[1].ContactId).Absorb(contacts[0].ContactId)));

            // One is merged or left to finish on its own; the other is refused or given up, never both kept.
            Assert.Single(outcomes, outcome => outcome is MergeOutcome.Merged or MergeOutcome.Pending);
            await AssertOneContact(contacts, expectedMerges: 1);
        }
    }

    [Fact]
    public async Task A_cycle_of_three_merges_at_once_ends_as_one_contact_with_nothing_lost()
    {
        for (var round = 0; round < 5; round++)
        {
            var contacts = await Visitors(round, 3);

            await Task.WhenAll(contacts.Select((winner, i) =>
                Task.Run(() => AbsorbAskingAgainWhileBusy(winner.ContactId, contacts[(i + 1) % contacts.Length].ContactId))));

            // A cycle of three is one contact after two of its merges; the third finds its loser already merged, or its
            // winner merged away before it ran (Refused). Without asking again, one order ended as two contacts: 2 merged
            // into 1 before its own merge ran, and 3 gave its merge of 1 up (Busy) while 1 was absorbing 2.
            await AssertOneContact(contacts, expectedMerges: 2);
        }
    }

    [Fact]
    public async Task Stored_opposing_intents_are_readable_after_a_restart_and_end_as_one_merge()
    {
        var contacts = await Visitors(0, 2);
        await _silo.DisposeAsync();
        for (var i = 0; i < contacts.Length; i++)
        {
            var loser = contacts[(i + 1) % contacts.Length].ContactId;
            await _silo.ChangeStoredContact(contacts[i].ContactId, state =>
                state.PendingMerge = new PendingMerge { LoserId = loser, Step = MergeStep.Surrender });
        }
        _silo = await ContactSilo.StartAsync(_silo.Storage, _silo.Events, ShortTimeout);

        foreach (var contact in contacts)
            Assert.NotNull(await _silo.Contact(contact.ContactId).Get());

        await AssertOneContact(contacts, expectedMerges: 1);
    }

    [Fact]
    public async Task A_visitor_identified_as_a_contact_in_an_opposing_merge_waits_for_it_and_joins_the_winner()
    {
        // The lower id owns the email. Its stored intent waits for the higher one (Pending) until the higher one gives
        // its own intent up on its retry timer, 0.2-1 s after it wakes; every Absorb meanwhile is Busy.
        var contacts = await Visitors(0, 2);
        await _silo.Track(contacts[0].DeviceId, Hits.Page(5).WithEmail("owner@example.com"));
        await _silo.DisposeAsync();
        for (var i = 0; i < contacts.Length; i++)
        {
            var loser = contacts[(i + 1) % contacts.Length].ContactId;
            await _silo.ChangeStoredContact(contacts[i].ContactId, state =>
                state.PendingMerge = new PendingMerge { LoserId = loser, Step = MergeStep.Surrender });
        }
        // The default response timeout: the identification waits out the merge inside one Track call.
        _silo = await ContactSilo.StartAsync(_silo.Storage, _silo.Events);

        var visitor = await _silo.Track(DeviceId.New(), Hits.Page(6).WithEmail("owner@example.com"));

        Assert.Equal(contacts[0].ContactId, visitor.ContactId);
        await Eventually.WaitUntilAsync(async () => await _silo.Factory.ResolveContactAsync(contacts[1].ContactId) == visitor.ContactId, Settled);
        var winner = await _silo.Snapshot(visitor.ContactId);
        Assert.Equal(new[] { contacts[0].DeviceId, contacts[1].DeviceId, visitor.DeviceId }.Order(StringComparer.Ordinal), winner.Devices);
        var timeline = await _silo.Contact(visitor.ContactId).Timeline();
        Assert.Equal(4, timeline.Count(e => e.Type == "page.hit"));
        Assert.Equal(2, timeline.Count(e => e.Type == "lead.merged"));
    }

    /// <summary>A merge as a client makes it: Busy means nothing happened and asking again later may merge them (the API's 503).</summary>
    private async Task<MergeOutcome> AbsorbAskingAgainWhileBusy(long winnerId, long loserId)
    {
        using var giveUp = new CancellationTokenSource(Settled);
        while (true)
        {
            var outcome = await _silo.Contact(winnerId).Absorb(loserId);
            if (outcome != MergeOutcome.Busy)
                return outcome;
            await Task.Delay(50, giveUp.Token);
        }
    }

    /// <summary>Contacts, each with its own device, tag, point, IP and page hit.</summary>
    private async Task<TrackResult[]> Visitors(int round, int count)
    {
        var visitors = new TrackResult[count];
        for (var i = 0; i < count; i++)
        {
            visitors[i] = await _silo.Track(DeviceId.New(), Hits.Page(i) with { Tags = [$"r{round}-{i}"], Ip = $"198.51.100.{i + 1}" });
            await _silo.Contact(visitors[i].ContactId).Apply(new ContactEdit { At = Hits.Minute(i), PointsDelta = 1 << i });
        }
        return visitors;
    }

    /// <summary>Once the merges settle, every id leads to one live contact holding everything each of them had.</summary>
    private async Task AssertOneContact(TrackResult[] contacts, int expectedMerges)
    {
        await Eventually.WaitUntilAsync(async () =>
        {
            var winners = new HashSet<long>();
            foreach (var contact in contacts)
            {
                winners.Add(await _silo.Factory.ResolveContactAsync(contact.ContactId));
                if (await _silo.Contact(contact.ContactId).IsAbsorbing())
                    return false;
            }
            return winners.Count == 1;
        }, Settled);
        var winner = await _silo.Factory.ResolveContactAsync(contacts[0].ContactId);
        var merged = await _silo.Snapshot(winner);
        Assert.Null(merged.MergedInto);
        Assert.Equal(contacts.Length, merged.Tags.Count);
        Assert.Equal((1 << contacts.Length) - 1, merged.Points);
        Assert.Equal(contacts.Length, merged.Ips.Count);
        Assert.Equal(contacts.Select(c => c.DeviceId).Order(StringComparer.Ordinal), merged.Devices);
        var timeline = await _silo.Contact(winner).Timeline();
        Assert.Equal(contacts.Length, timeline.Count(e => e.Type == "page.hit"));
        Assert.Equal(expectedMerges, timeline.Count(e => e.Type == "lead.merged"));
        foreach (var contact in contacts)
            Assert.Equal(winner, await _silo.Device(contact.DeviceId).Contact());
    }
}
