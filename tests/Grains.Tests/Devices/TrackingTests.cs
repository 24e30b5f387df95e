using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Identity;

namespace Actors.Grains.Tests.Devices;

public sealed class TrackingTests : SiloTest
{
    [Fact]
    public async Task A_first_hit_creates_an_anonymous_contact_and_a_returning_device_keeps_it()
    {
        var device = DeviceId.New();

        var first = await Silo.Track(device, Hits.Page(0) with { Ip = "203.0.113.5", UserAgent = "Firefox" });
        var second = await Silo.Track(device, Hits.Page(5, "https://example.com/pricing"));

        Assert.Equal(first.ContactId, second.ContactId);
        Assert.Equal(device, second.DeviceId);
        var contact = await Silo.Snapshot(first.ContactId);
        Assert.True(contact.IsAnonymous);
        Assert.Equal(Hits.Minute(0), contact.DateAdded);
        Assert.Equal(Hits.Minute(5), contact.LastActive);
        Assert.Equal(["203.0.113.5"], contact.Ips);
        Assert.Equal([device], contact.Devices);
        Assert.Equal(2, (await Silo.Contact(first.ContactId).Timeline()).Count(e => e.Type == "page.hit"));
    }

    [Fact]
    public async Task Two_new_devices_get_two_contacts()
    {
        var first = await Silo.Track(DeviceId.New(), Hits.Page(0));
        var second = await Silo.Track(DeviceId.New(), Hits.Page(0));

        Assert.NotEqual(first.ContactId, second.ContactId);
    }

    [Fact]
    public async Task A_new_email_identifies_the_anonymous_contact()
    {
        var device = DeviceId.New();
        var anonymous = await Silo.Track(device, Hits.Page(0));

        var identified = await Silo.Track(device, Hits.Page(3).WithEmail(" Jim@Example.com "));

        Assert.Equal(anonymous.ContactId, identified.ContactId);
        var contact = await Silo.Snapshot(identified.ContactId);
        Assert.Equal(Hits.Minute(3), contact.DateIdentified);
        Assert.Equal(" Jim@Example.com ", contact.Fields["email"]);
        Assert.Equal(["email:jim@example.com"], contact.Identifiers);
        var index = Silo.Factory.GetGrain<IIdentifierIndexGrain>(UniqueIdentifier.Normalize("email", "jim@example.com"));
        Assert.Equal(identified.ContactId, await index.Owner());
    }

    [Fact]
    public async Task Blanking_the_identifying_field_keeps_the_contact_identified()
    {
        var device = DeviceId.New();
        var result = await Silo.Track(device, Hits.Page(0).WithField("firstname", "Jim"));

        await Silo.Track(device, Hits.Page(1).WithField("firstname", ""));

        var contact = await Silo.Snapshot(result.ContactId);
        Assert.Equal("Jim", contact.Fields["firstname"]);
        Assert.Equal(Hits.Minute(0), contact.DateIdentified);
    }

    [Fact]
    public async Task Tags_are_added_and_a_leading_minus_removes_one()
    {
        var device = DeviceId.New();
        await Silo.Track(device, Hits.Page(0) with { Tags = ["pricing", "newsletter", " trial "] });

        var result = await Silo.Track(device, Hits.Page(1) with { Tags = ["-newsletter", "customer"] });

        Assert.Equal(["customer", "pricing", "trial"], (await Silo.Snapshot(result.ContactId)).Tags);
    }

    [Fact]
    public async Task A_hit_with_utm_parameters_records_a_utm_row()
    {
        var hit = Hits.Page(0) with { Utm = new Dictionary<string, string> { ["source"] = "google", ["campaign"] = "spring" } };

        var result = await Silo.Track(DeviceId.New(), hit);

        var utm = Assert.Single((await Silo.Snapshot(result.ContactId)).Utm);
        Assert.Equal(("google", "spring", (string?)null), (utm.Source, utm.Campaign, utm.Medium));
    }

    [Fact]
    public async Task A_device_with_an_invalid_tracking_id_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Silo.Track("not-a-tracking-id", Hits.Page(0)));
        Assert.Contains("not-a-tracking-id", error.Message);
    }

    [Theory]
    [InlineData("0123456789abcdefghijklm", true)]
    [InlineData("0123456789abcdefghijkl", false)]
    [InlineData("0123456789abcdefghijklmn", false)]
    [InlineData("0123456789ABCDEFGHIJKLM", false)]
    [InlineData("0123456789abcdefghijk-m", false)]
    [InlineData(null, false)]
    public void Tracking_ids_are_23_characters_of_digits_and_lower_case_letters(string? id, bool valid)
        => Assert.Equal(valid, DeviceId.IsValid(id));

    [Fact]
    public void New_tracking_ids_are_valid_and_distinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => DeviceId.New()).ToArray();

        Assert.All(ids, id => Assert.True(DeviceId.IsValid(id)));
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}
