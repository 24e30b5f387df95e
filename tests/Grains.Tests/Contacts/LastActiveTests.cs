using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Devices;

namespace Actors.Grains.Tests.Contacts;

/// <summary>
/// A returning visitor's hit that changes nothing but lastActive is durable as its timeline entry alone; the
/// contact's stored state catches up with its next real change, and every activation takes lastActive from the timeline.
/// </summary>
public sealed class LastActiveTests
{
    [Fact]
    public async Task A_hit_that_changes_only_lastActive_leaves_the_stored_contact_alone_and_a_restart_still_answers_it()
    {
        var silo = await ContactSilo.StartAsync();
        var device = DeviceId.New();
        var contactId = (await silo.Track(device, Hits.Page(0) with { Ip = "203.0.113.5" })).ContactId;

        await silo.Track(device, Hits.Page(5) with { Ip = "203.0.113.5" });

        var live = await silo.Snapshot(contactId);
        Assert.Equal((Hits.Minute(5), Hits.Minute(0)), (live.LastActive, live.DateModified));
        Assert.Equal(Hits.Minute(0), (await silo.StoredContact(contactId)).LastActive);
        await using var restarted = await silo.RestartAsync();
        Assert.Equal(Hits.Minute(5), (await restarted.Snapshot(contactId)).LastActive);
    }

    [Fact]
    public async Task A_hit_that_changes_the_contact_stores_it_with_its_lastActive_before_it_is_answered()
    {
        await using var silo = await ContactSilo.StartAsync();
        var device = DeviceId.New();
        var contactId = (await silo.Track(device, Hits.Page(0))).ContactId;
        await silo.Track(device, Hits.Page(3));

        await silo.Track(device, Hits.Page(5) with { Tags = ["pricing"] });

        var stored = await silo.StoredContact(contactId);
        Assert.Equal((Hits.Minute(5), Hits.Minute(5)), (stored.LastActive, stored.DateModified));
        Assert.Contains("pricing", stored.Tags);
    }

    [Fact]
    public async Task An_activation_takes_lastActive_from_the_newest_page_hit_in_the_timeline()
    {
        var silo = await ContactSilo.StartAsync();
        var device = DeviceId.New();
        var contactId = (await silo.Track(device, Hits.Page(0))).ContactId;
        await silo.Track(device, Hits.Page(7));
        await silo.Track(device, Hits.Page(4));
        await silo.DisposeAsync();
        Assert.Equal(Hits.Minute(0), (await silo.StoredContact(contactId)).LastActive);

        await using var restarted = await ContactSilo.StartAsync(silo.Storage, silo.Events);

        Assert.Equal(Hits.Minute(7), (await restarted.Snapshot(contactId)).LastActive);
        await restarted.Track(device, Hits.Page(6));
        Assert.Equal(Hits.Minute(7), (await restarted.Snapshot(contactId)).LastActive);
    }
}
