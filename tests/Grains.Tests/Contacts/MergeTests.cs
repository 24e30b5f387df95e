using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Identity;

namespace Actors.Grains.Tests.Contacts;

public sealed class MergeTests : SiloTest
{
    [Fact]
    public async Task A_known_email_merges_the_anonymous_contact_into_its_owner()
    {
        var known = await Silo.Track(DeviceId.New(), Hits.Page(0).WithEmail("jim@example.com") with { Ip = "198.51.100.1", Tags = ["customer"] });
        await Silo.Contact(known.ContactId).Apply(new ContactEdit { At = Hits.Minute(1), PointsDelta = 10 });
        var browser = DeviceId.New();
        var utm = new Dictionary<string, string> { ["source"] = "newsletter" };
        var anonymous = await Silo.Track(browser, Hits.Page(2) with { Ip = "203.0.113.9", Tags = ["pricing"], Utm = utm });
        await Silo.Contact(anonymous.ContactId).Apply(new ContactEdit { At = Hits.Minute(3), PointsDelta = 5 });

        var identified = await Silo.Track(browser, Hits.Page(4).WithEmail("JIM@example.com"));

        Assert.Equal(known.ContactId, identified.ContactId);
        var contact = await Silo.Snapshot(known.ContactId);
        Assert.Equal(["customer", "pricing"], contact.Tags);
        Assert.Equal(15, contact.Points);
        Assert.Equal(["198.51.100.1", "203.0.113.9"], contact.Ips);
        Assert.Equal("newsletter", Assert.Single(contact.Utm).Source);
        Assert.Equal(new[] { browser, known.DeviceId }.Order(StringComparer.Ordinal), contact.Devices);
        Assert.Equal(Hits.Minute(0), contact.DateAdded);
        Assert.Equal(Hits.Minute(4), contact.LastActive);
        var timeline = await Silo.Contact(known.ContactId).Timeline();
        Assert.Equal(3, timeline.Count(e => e.Type == "page.hit"));
        Assert.Superset(
            new HashSet<string> { "lead.create", "lead.identified", "lead.ipadded", "lead.utmtagsadded", "lead.tagsupdated", "point.gained", "lead.merged" },
            timeline.Select(e => e.Type).ToHashSet());
        Assert.Equal(anonymous.ContactId.ToString(), Assert.Single(timeline, e => e.Type == "lead.merged").Details["mergedId"]);
        Assert.False(await Silo.Contact(anonymous.ContactId).Exists());
        Assert.Equal(known.ContactId, await Silo.Factory.ResolveContactAsync(anonymous.ContactId));
        Assert.Equal(known.ContactId, await Silo.Device(browser).Contact());
    }

    [Fact]
    public async Task Two_devices_identifying_with_the_same_email_end_as_one_contact()
    {
        var first = await Silo.Track(DeviceId.New(), Hits.Page(0).WithEmail("ann@example.com"));

        var second = await Silo.Track(DeviceId.New(), Hits.Page(1).WithEmail("ann@example.com"));

        Assert.Equal(first.ContactId, second.ContactId);
    }

    [Fact]
    public async Task Fifty_new_devices_hitting_at_once_with_the_same_new_email_end_as_one_contact()
    {
        var devices = Enumerable.Range(0, 50).Select(_ => DeviceId.New()).ToArray();

        var results = await Task.WhenAll(devices.Select(device =>
            Task.Run(() => Silo.Track(device, Hits.Page(0).WithEmail("race@example.com")))));

        var owner = await Silo.Factory.GetGrain<IIdentifierIndexGrain>("email:race@example.com").Owner();
        Assert.NotNull(owner);
        Assert.All(results, result => Assert.Equal(owner, result.ContactId));
        foreach (var device in devices)
            Assert.Equal(owner, await Silo.Device(device).Contact());
        var contact = await Silo.Snapshot(owner.Value);
        Assert.Equal(devices.Order(StringComparer.Ordinal), contact.Devices);
        Assert.Equal(50, (await Silo.Contact(owner.Value).Timeline()).Count(e => e.Type == "page.hit"));
        // A fresh silo numbers its contacts from 1: the 50 devices got contacts 1..50, and all but the owner lost.
        var losers = Enumerable.Range(1, devices.Length).Select(id => (long)id).Where(id => id != owner).ToArray();
        Assert.Equal(49, losers.Length);
        foreach (var loser in losers)
            Assert.Equal(owner, await Silo.Contact(loser).MergedInto());
    }

    [Fact]
    public async Task Fifty_returning_visitors_identifying_at_once_with_the_same_email_bring_all_their_history_to_one_contact()
    {
        var devices = Enumerable.Range(0, 50).Select(_ => DeviceId.New()).ToArray();
        var anonymous = new List<long>();
        for (var i = 0; i < devices.Length; i++)
            anonymous.Add((await Silo.Track(devices[i], Hits.Page(i) with { Tags = [$"visitor-{i}"] })).ContactId);

        var results = await Task.WhenAll(devices.Select(device =>
            Task.Run(() => Silo.Track(device, Hits.Page(60).WithEmail("team@example.com")))));

        var owner = Assert.Single(results.Select(r => r.ContactId).Distinct());
        var contact = await Silo.Snapshot(owner);
        Assert.Equal(50, contact.Tags.Count);
        Assert.Equal(devices.Order(StringComparer.Ordinal), contact.Devices);
        Assert.Equal(100, (await Silo.Contact(owner).Timeline()).Count(e => e.Type == "page.hit"));
        Assert.Equal(Hits.Minute(0), contact.DateAdded);
        foreach (var device in devices)
            Assert.Equal(owner, await Silo.Device(device).Contact());
        foreach (var loser in anonymous.Where(id => id != owner))
            Assert.Equal(owner, await Silo.Contact(loser).MergedInto());
    }

    [Fact]
    public async Task A_chain_of_merges_resolves_to_the_last_winner()
    {
        var a = await Silo.Track(DeviceId.New(), Hits.Page(0) with { Tags = ["a"] });
        var b = await Silo.Track(DeviceId.New(), Hits.Page(1) with { Tags = ["b"] });
        var c = await Silo.Track(DeviceId.New(), Hits.Page(2) with { Tags = ["c"] });

        Assert.Equal(MergeOutcome.Merged, await Silo.Contact(b.ContactId).Absorb(a.ContactId));
        Assert.Equal(MergeOutcome.Merged, await Silo.Contact(c.ContactId).Absorb(b.ContactId));

        Assert.Equal(c.ContactId, await Silo.Factory.ResolveContactAsync(a.ContactId));
        Assert.Equal(["a", "b", "c"], (await Silo.Snapshot(c.ContactId)).Tags);
        var returning = await Silo.Track(a.DeviceId, Hits.Page(3));
        Assert.Equal(c.ContactId, returning.ContactId);
        Assert.Equal(HitOutcome.Gone, await Silo.Contact(b.ContactId).RecordHit(Hits.Page(4)));
    }

    [Fact]
    public async Task Absorbing_the_same_loser_twice_adds_nothing_twice()
    {
        var winner = await Silo.Track(DeviceId.New(), Hits.Page(0));
        var loser = await Silo.Track(DeviceId.New(), Hits.Page(1));
        await Silo.Contact(loser.ContactId).Apply(new ContactEdit { At = Hits.Minute(2), PointsDelta = 7 });

        Assert.Equal(MergeOutcome.Merged, await Silo.Contact(winner.ContactId).Absorb(loser.ContactId));
        Assert.Equal(MergeOutcome.Merged, await Silo.Contact(winner.ContactId).Absorb(loser.ContactId));

        Assert.Equal(7, (await Silo.Snapshot(winner.ContactId)).Points);
    }

    [Theory]
    [InlineData(int.MaxValue, 1, int.MaxValue)]
    [InlineData(int.MinValue, -1, int.MinValue)]
    [InlineData(int.MaxValue, int.MinValue, -1)]
    public async Task Merged_points_that_an_int_cannot_hold_stop_at_the_end_of_the_range(int winnerPoints, int loserPoints, int merged)
    {
        var winner = await Silo.Track(DeviceId.New(), Hits.Page(0));
        var loser = await Silo.Track(DeviceId.New(), Hits.Page(1));
        await Silo.Contact(winner.ContactId).Apply(new ContactEdit { At = Hits.Minute(2), Points = winnerPoints });
        await Silo.Contact(loser.ContactId).Apply(new ContactEdit { At = Hits.Minute(2), Points = loserPoints });

        Assert.Equal(MergeOutcome.Merged, await Silo.Contact(winner.ContactId).Absorb(loser.ContactId));

        Assert.Equal(merged, (await Silo.Snapshot(winner.ContactId)).Points);
    }

    [Fact]
    public async Task A_contact_merged_into_one_winner_cannot_be_absorbed_by_another()
    {
        var loser = await Silo.Track(DeviceId.New(), Hits.Page(0));
        var first = await Silo.Track(DeviceId.New(), Hits.Page(1));
        var second = await Silo.Track(DeviceId.New(), Hits.Page(2));

        Assert.Equal(MergeOutcome.Merged, await Silo.Contact(first.ContactId).Absorb(loser.ContactId));
        Assert.Equal(MergeOutcome.Refused, await Silo.Contact(second.ContactId).Absorb(loser.ContactId));

        Assert.Equal(first.ContactId, await Silo.Contact(loser.ContactId).MergedInto());
        Assert.True(await Silo.Contact(second.ContactId).Exists());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Between_two_identified_contacts_the_older_keeps_its_id_whichever_device_brings_them_together(bool newerDevice)
    {
        // Identified by different unique fields, so neither holds another value of what the other owns: one person.
        var older = await Track(DeviceId.New(), Hits.Page(0).WithEmail("old@example.com"));
        var newer = await Track(DeviceId.New(), Hits.Page(1).WithField("firstname", "Ned").WithField("phone", "222"));

        var result = newerDevice
            ? await Track(newer.DeviceId, Hits.Page(2).WithEmail("old@example.com"))
            : await Track(older.DeviceId, Hits.Page(2).WithField("phone", "222"));

        Assert.Equal(older.ContactId, result.ContactId);
        Assert.Equal(older.ContactId, await Silo.Factory.ResolveContactAsync(newer.ContactId));
        var index = Silo.Factory.GetGrain<IIdentifierIndexGrain>("phone:222");
        Assert.Equal(older.ContactId, await index.Owner());
        Assert.Equal(["email:old@example.com", "phone:222"], (await Silo.Snapshot(older.ContactId)).Identifiers);
    }

    private Task<TrackResult> Track(string device, PageHit page)
        => Silo.Device(device).Track(new TrackHit { Page = page, UniqueAliases = ["email", "phone"] });
}
