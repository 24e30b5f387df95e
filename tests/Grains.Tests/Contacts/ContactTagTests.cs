using Actors.Grains.Contacts;
using Actors.Grains.Tests.Infrastructure;
using Actors.Runtime.Persistence;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;

namespace Actors.Grains.Tests.Contacts;

/// <summary>A contact's tags are told apart without regard to case, as the tag catalog tells them apart, and a rename reaches only a contact still holding the old name.</summary>
public sealed class ContactTagTests : SiloTest
{
    [Fact]
    public async Task A_tag_is_held_once_however_it_is_spelt_and_removed_in_any_spelling()
    {
        var id = (await Silo.Track(DeviceId.New(), Hits.Page(0) with { Tags = ["vip", "VIP", "Vip"] })).ContactId;

        var held = (await Silo.Snapshot(id)).Tags;
        await Silo.Contact(id).Apply(new ContactEdit { At = Hits.Minute(1), RemoveTags = ["VIP"] });

        Assert.Equal(["vip"], held);
        Assert.Empty((await Silo.Snapshot(id)).Tags);
    }

    [Fact]
    public async Task A_rename_changes_a_tag_held_in_another_case_and_may_change_only_its_case()
    {
        var id = (await Silo.Track(DeviceId.New(), Hits.Page(0) with { Tags = ["Vip", "keep"] })).ContactId;

        await Silo.Contact(id).Apply(new ContactEdit { At = Hits.Minute(1), RenameTag = new TagRename("vip", "gold") });
        await Silo.Contact(id).Apply(new ContactEdit { At = Hits.Minute(2), RenameTag = new TagRename("gold", "GOLD") });

        Assert.Equal(["GOLD", "keep"], (await Silo.Snapshot(id)).Tags);
        Assert.Equal(2, (await Silo.Contact(id).Timeline()).Count(e => e.Type == "lead.tagsupdated" && e.Details["removed"] != ""));
    }

    [Fact]
    public async Task A_rename_that_reaches_a_contact_after_the_tag_was_deleted_from_it_adds_nothing_back()
    {
        var id = (await Silo.Track(DeviceId.New(), Hits.Page(0) with { Tags = ["old"] })).ContactId;

        // The delete's sweep took both names off before the rename's sweep, which read the contact earlier, reached it.
        await Silo.Contact(id).Apply(new ContactEdit { At = Hits.Minute(1), RemoveTags = ["old", "new"] });
        await Silo.Contact(id).Apply(new ContactEdit { At = Hits.Minute(2), RenameTag = new TagRename("old", "new") });

        Assert.Empty((await Silo.Snapshot(id)).Tags);
    }

    [Fact]
    public void Stored_tags_read_back_told_apart_without_regard_to_case()
    {
        var state = new ContactState();
        state.Writable.Tags.Add("vip");
        var stored = GrainStateSerializer.Serialize(state);

        var read = GrainStateSerializer.Deserialize<ContactState>(stored);

        Assert.Contains("VIP", read.Tags);
    }

}
