using Actors.Grains.Contacts;
using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Identity;
using Actors.Interfaces.Notes;
using Actors.Runtime.Persistence;
using Actors.Runtime;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Grains.Tests.Contacts;

/// <summary>
/// A crash half way through a merge is simulated by stopping the silo and writing the stored states a
/// crash would have left, then starting a new silo on the same storage.
/// </summary>
public sealed class InterruptedMergeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_merge_interrupted_after_it_was_recorded_finishes_shortly_after_the_winner_is_next_activated(bool loserAlreadySurrendered)
    {
        var silo = await ContactSilo.StartAsync();
        var browser = DeviceId.New();
        var loser = await silo.Track(browser, Hits.Page(0) with { Tags = ["pricing"], Ip = "203.0.113.9" });
        await silo.Contact(loser.ContactId).Apply(new ContactEdit { At = Hits.Minute(1), PointsDelta = 4 });
        var winner = await silo.Track(DeviceId.New(), Hits.Page(2).WithEmail("jim@example.com"));
        await silo.DisposeAsync();

        await silo.ChangeStoredContact(winner.ContactId, state =>
            state.PendingMerge = new PendingMerge { LoserId = loser.ContactId, Step = MergeStep.Surrender });
        if (loserAlreadySurrendered)
            await silo.ChangeStoredContact(loser.ContactId, state => state.MergedInto = winner.ContactId);
        await using var restarted = await ContactSilo.StartAsync(silo.Storage);

        // The activation serves at once; the merge, whose Surrender step calls the loser, finishes just after.
        Assert.True(await restarted.Contact(winner.ContactId).Exists());
        await Eventually.WaitUntilAsync(async () => !await restarted.Contact(winner.ContactId).IsAbsorbing(), TimeSpan.FromSeconds(5));
        var contact = await restarted.Snapshot(winner.ContactId);

        Assert.Equal(["pricing"], contact.Tags);
        Assert.Equal(4, contact.Points);
        Assert.Contains("203.0.113.9", contact.Ips);
        Assert.Equal(winner.ContactId, await restarted.Contact(loser.ContactId).MergedInto());
        Assert.Equal(winner.ContactId, await restarted.Device(browser).Contact());
        Assert.Equal(winner.ContactId, (await restarted.Track(browser, Hits.Page(3))).ContactId);
        Assert.Equal(MergeOutcome.Merged, await restarted.Contact(winner.ContactId).Absorb(loser.ContactId));
        Assert.Equal(4, (await restarted.Snapshot(winner.ContactId)).Points);
    }

    [Fact]
    public async Task A_merge_with_combined_unique_fields_left_to_finish_on_its_own_claims_the_combination_the_winner_comes_to_hold()
    {
        var silo = await ContactSilo.StartAsync();
        var winner = await silo.Track(DeviceId.New(), Hits.Page(0));
        var loser = await silo.Track(DeviceId.New(), Hits.Page(0));
        await silo.Contact(winner.ContactId).Apply(new ContactEdit
        {
            At = Hits.Minute(1),
            Fields = new Dictionary<string, string?> { ["email"] = "w@and.test", ["custid"] = "W1" },
        });
        await silo.Contact(loser.ContactId).Apply(new ContactEdit { At = Hits.Minute(2), Fields = new Dictionary<string, string?> { ["email"] = "l@and.test" } });
        await silo.DisposeAsync();

        // A merge recorded with And (a manual merge that answered 503, or a hit's) and not yet taken further.
        await silo.ChangeStoredContact(winner.ContactId, state => state.PendingMerge = new PendingMerge
        {
            LoserId = loser.ContactId,
            Step = MergeStep.Surrender,
            CombinedUniqueAliases = ["email", "custid"],
        });
        await using var restarted = await ContactSilo.StartAsync(silo.Storage);

        Assert.True(await restarted.Contact(winner.ContactId).Exists());
        var combination = restarted.Factory.GetGrain<IIdentifierIndexGrain>("custid:w1&email:l@and.test");
        await Eventually.WaitUntilAsync(async () => await combination.Owner() == winner.ContactId, TimeSpan.FromSeconds(5));
        Assert.Contains("custid:w1&email:l@and.test", (await restarted.Snapshot(winner.ContactId)).Identifiers);
    }

    [Fact]
    public async Task A_merge_interrupted_before_moving_devices_moves_them_on_the_next_activation()
    {
        var silo = await ContactSilo.StartAsync();
        var browser = DeviceId.New();
        var loser = await silo.Track(browser, Hits.Page(0));
        var winner = await silo.Track(DeviceId.New(), Hits.Page(1));
        await silo.DisposeAsync();

        // The state a crash right after the identifier step leaves: data folded, loser a tombstone, device not moved.
        await silo.ChangeStoredContact(loser.ContactId, state => state.MergedInto = winner.ContactId);
        await silo.ChangeStoredContact(winner.ContactId, state =>
        {
            state.Writable.Absorbed.Add(loser.ContactId);
            state.Writable.Devices.Add(browser);
            state.PendingMerge = new PendingMerge { LoserId = loser.ContactId, Step = MergeStep.MoveDevices, LoserDevices = [browser] };
        });
        await using var restarted = await ContactSilo.StartAsync(silo.Storage);

        Assert.True(await restarted.Contact(winner.ContactId).Exists());

        Assert.Equal(winner.ContactId, await restarted.Device(browser).Contact());
    }

    [Fact]
    public async Task A_merge_interrupted_before_moving_notes_gives_them_to_the_winner_on_the_next_activation()
    {
        var silo = await ContactSilo.StartAsync();
        var loser = await silo.Track(DeviceId.New(), Hits.Page(0));
        var winner = await silo.Track(DeviceId.New(), Hits.Page(1));
        var note = silo.Factory.GetGrain<INoteGrain>("77");
        await silo.Contact(loser.ContactId).Apply(new ContactEdit { At = Hits.Minute(2), AddNote = new ContactNote(77, "call", "Rang back", Hits.Minute(2)) });
        await note.Write(new NoteEdit { At = Hits.Minute(2), ContactId = loser.ContactId, Text = "Rang back", Type = "call" });
        await silo.DisposeAsync();

        // The state a crash right after the history step leaves: everything moved but the note.
        await silo.ChangeStoredContact(loser.ContactId, state => state.MergedInto = winner.ContactId);
        await silo.ChangeStoredContact(winner.ContactId, state =>
        {
            state.Writable.Absorbed.Add(loser.ContactId);
            state.Writable.Notes.Add(77);
            state.PendingMerge = new PendingMerge { LoserId = loser.ContactId, Step = MergeStep.MoveNotes, LoserNotes = [77] };
        });
        await using var restarted = await ContactSilo.StartAsync(silo.Storage);

        var contact = await restarted.Snapshot(winner.ContactId);

        Assert.Equal([77L], contact.Notes);
        Assert.Equal(winner.ContactId, (await restarted.Factory.GetGrain<INoteGrain>("77").Get())!.ContactId);
    }
}
