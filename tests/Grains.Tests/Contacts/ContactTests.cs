using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;

namespace Actors.Grains.Tests.Contacts;

public sealed class ContactTests : SiloTest
{
    [Fact]
    public async Task A_contact_keeps_everything_it_holds_across_a_restart()
    {
        var utm = new Dictionary<string, string> { ["source"] = "google", ["term"] = "crm" };
        var result = await Silo.Track(DeviceId.New(), Hits.Page(0).WithEmail("jim@example.com") with { Ip = "203.0.113.5", Tags = ["trial"], Utm = utm });
        await Silo.Contact(result.ContactId).Apply(new ContactEdit
        {
            At = Hits.Minute(1),
            Fields = new Dictionary<string, string?> { ["city"] = "Leeds" },
            PointsDelta = 3,
            DoNotContact = [new DoNotContact("email", DoNotContactReason.Manual, "asked by phone", Hits.Minute(1))],
            JoinSegments = [4],
            OwnerId = 2,
            Stage = "lead",
        });
        var before = await Silo.Snapshot(result.ContactId);

        await RestartSilo();

        Assert.Equivalent(before, await Silo.Snapshot(result.ContactId), strict: true);
    }

    [Fact]
    public async Task An_edit_clears_a_field_with_a_blank_value()
    {
        var id = (await Silo.Track(DeviceId.New(), Hits.Page(0).WithField("city", "Leeds"))).ContactId;

        await Silo.Contact(id).Apply(new ContactEdit { At = Hits.Minute(1), Fields = new Dictionary<string, string?> { ["city"] = "" } });

        Assert.Null((await Silo.Snapshot(id)).Fields["city"]);
    }

    [Fact]
    public async Task An_edit_with_an_unknown_do_not_contact_reason_is_refused_and_changes_nothing()
    {
        var id = (await Silo.Track(DeviceId.New(), Hits.Page(0))).ContactId;
        var edit = new ContactEdit
        {
            At = Hits.Minute(1),
            PointsDelta = 5,
            DoNotContact = [new DoNotContact("email", 0, null, Hits.Minute(1))],
        };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Silo.Contact(id).Apply(edit));

        Assert.Equal(0, (await Silo.Snapshot(id)).Points);
    }

    [Fact]
    public async Task An_edit_whose_points_an_int_cannot_hold_is_refused_and_changes_nothing()
    {
        var id = (await Silo.Track(DeviceId.New(), Hits.Page(0).WithField("city", "Leeds"))).ContactId;
        await Silo.Contact(id).Apply(new ContactEdit { At = Hits.Minute(1), Points = int.MaxValue });
        var before = await Silo.Snapshot(id);
        var events = (await Silo.Contact(id).Timeline()).Count;
        var edit = new ContactEdit
        {
            At = Hits.Minute(2),
            PointsDelta = 1,
            Fields = new Dictionary<string, string?> { ["city"] = "York" },
            AddTags = ["late"],
        };

        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Silo.Contact(id).Apply(edit));

        Assert.StartsWith("The points would become 2147483648,", refused.Message);
        Assert.Equivalent(before, await Silo.Snapshot(id), strict: true);
        Assert.Equal(events, (await Silo.Contact(id).Timeline()).Count);
        await RestartSilo();
        Assert.Equal(int.MaxValue, (await Silo.Snapshot(id)).Points);
        Assert.Equal("Leeds", (await Silo.Snapshot(id)).Fields["city"]);
    }

    [Fact]
    public async Task A_contact_that_never_had_a_hit_or_edit_does_not_exist()
    {
        Assert.False(await Silo.Contact(999).Exists());
        Assert.Null(await Silo.Contact(999).Get());
    }
}
