using Actors.Grains.Contacts;
using Actors.Grains.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Identity;
using Actors.Interfaces.Notes;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Contacts;

/// <summary>
/// A deleted contact stays deleted: a write that found it before the delete cannot bring it back holding values the
/// index gave up, its device goes on as a new contact, and an index entry a crash left naming it frees itself.
/// </summary>
public sealed class DeletedContactTests : SiloTest
{
    private ContactWriter Writer => Silo.Services.GetRequiredService<ContactWriter>();

    private IIdentifierIndexGrain Index(string email) => Silo.Factory.GetGrain<IIdentifierIndexGrain>(UniqueIdentifier.Normalize("email", email));

    [Fact]
    public async Task A_deleted_contact_refuses_edits_and_hits_and_stays_deleted()
    {
        var id = (await Silo.Track(DeviceId.New(), Hits.Page(0).WithEmail("gone@example.com"))).ContactId;
        await Silo.Contact(id).Delete(Hits.Minute(1));

        var edited = await Silo.Contact(id).Apply(new ContactEdit { At = Hits.Minute(2), Fields = new Dictionary<string, string?> { ["city"] = "Leeds" } });
        var hit = await Silo.Contact(id).RecordHit(Hits.Page(3) with { Claims = [new IdentifierClaim(UniqueIdentifier.Normalize("email", "gone@example.com"), ["email"])] });

        Assert.False(edited);
        Assert.Equal(HitOutcome.Gone, hit);
        Assert.True(await Silo.Contact(id).IsDeleted());
        Assert.Null(await Silo.Contact(id).Get());
        Assert.Null(await Index("gone@example.com").Owner());
    }

    [Fact]
    public async Task An_update_that_found_the_contact_before_its_delete_is_deleted_and_claims_nothing()
    {
        var email = UniqueIdentifier.Normalize("email", "ann@example.com");
        var id = (await Writer.Upsert(new ContactEdit { At = Hits.Minute(0), Fields = new Dictionary<string, string?> { ["email"] = "ann@example.com" } }, [email])).ContactId;
        await Silo.Contact(id).Delete(Hits.Minute(1));

        var update = await Writer.Update(id, new ContactEdit { At = Hits.Minute(2), Fields = new Dictionary<string, string?> { ["email"] = "ann@example.com" } }, [email]);
        var upsert = await Writer.Upsert(new ContactEdit { At = Hits.Minute(3), Fields = new Dictionary<string, string?> { ["email"] = "ann@example.com" } }, [email]);

        Assert.Equal(WriteKind.Deleted, update.Outcome);
        Assert.Equal(WriteKind.Created, upsert.Outcome);
        Assert.NotEqual(id, upsert.ContactId);
        Assert.Equal(upsert.ContactId, await Index("ann@example.com").Owner());
        Assert.Null(await Silo.Contact(id).Get());
    }

    [Fact]
    public async Task An_index_entry_a_crash_left_naming_a_deleted_contact_gives_way_to_the_next_writer()
    {
        // A delete stores the empty contact before it frees the values; a crash in between leaves the entry behind.
        var id = (await Silo.Track(DeviceId.New(), Hits.Page(0).WithEmail("left@example.com"))).ContactId;
        await Silo.DisposeAsync();
        await Silo.ChangeStoredContact(id, state =>
        {
            state.DateAdded = null;
            state.Writable.Fields.Clear();
            state.Writable.Identifiers.Clear();
            state.Writable.Devices.Clear();
            state.DateDeleted = Hits.Minute(1);
        });
        await RestartSilo();
        Assert.Equal(id, await Index("left@example.com").Owner());

        var visitor = await Silo.Track(DeviceId.New(), Hits.Page(2).WithEmail("left@example.com"));
        var created = await Writer.Upsert(new ContactEdit { At = Hits.Minute(3), Fields = new Dictionary<string, string?> { ["email"] = "left@example.com" } },
            [UniqueIdentifier.Normalize("email", "left@example.com")]);

        Assert.NotEqual(id, visitor.ContactId);
        Assert.Equal(visitor.ContactId, created.ContactId);
        Assert.Equal(WriteKind.Updated, created.Outcome);
        Assert.Equal(visitor.ContactId, await Index("left@example.com").Owner());
    }

    [Fact]
    public async Task Notes_a_crash_left_behind_a_delete_go_when_the_contact_next_wakes_or_is_deleted_again()
    {
        var first = await ContactWithNote("first@example.com", 71);
        var second = await ContactWithNote("second@example.com", 72);
        await Silo.DisposeAsync();
        // What a crash right after the delete was stored leaves: the deleted state, its notes not yet deleted.
        foreach (var (id, note) in new[] { (first, 71L), (second, 72L) })
        {
            await Silo.ChangeStoredContact(id, state =>
            {
                state.DateAdded = null;
                state.Writable.Fields.Clear();
                state.Writable.Identifiers.Clear();
                state.Writable.Devices.Clear();
                state.Writable.Notes.Clear();
                state.Writable.Notes.Add(note);
                state.DateDeleted = Hits.Minute(1);
            });
        }
        await RestartSilo();

        var woken = await Silo.Contact(first).IsDeleted();
        var deletedAgain = await Silo.Contact(second).Delete(Hits.Minute(2));

        Assert.True(woken);
        Assert.Null(deletedAgain);
        Assert.Null(await Silo.Factory.GetGrain<INoteGrain>("71").Get());
        Assert.Null(await Silo.Factory.GetGrain<INoteGrain>("72").Get());
    }

    private async Task<long> ContactWithNote(string email, long noteId)
    {
        var id = (await Silo.Track(DeviceId.New(), Hits.Page(0).WithEmail(email))).ContactId;
        await Silo.Contact(id).Apply(new ContactEdit { At = Hits.Minute(0), AddNote = new ContactNote(noteId, "call", "Rang", Hits.Minute(0)) });
        await Silo.Factory.GetGrain<INoteGrain>(noteId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Write(new NoteEdit { At = Hits.Minute(0), ContactId = id, Text = "Rang", Type = "call" });
        return id;
    }

    [Fact]
    public async Task The_device_of_a_deleted_contact_goes_on_as_a_new_contact()
    {
        var device = DeviceId.New();
        var id = (await Silo.Track(device, Hits.Page(0).WithEmail("jim@example.com"))).ContactId;
        await Silo.Contact(id).Delete(Hits.Minute(1));

        var next = await Silo.Track(device, Hits.Page(2));
        var resolved = await Silo.Device(device).Resolve(Hits.Minute(3));

        Assert.NotEqual(id, next.ContactId);
        Assert.Equal(next.ContactId, resolved.ContactId);
        Assert.Equal(next.ContactId, await Silo.Device(device).Contact());
        var contact = await Silo.Snapshot(next.ContactId);
        Assert.True(contact.IsAnonymous);
        Assert.Equal([device], contact.Devices);
        Assert.Single(await Silo.Contact(next.ContactId).Timeline(), e => e.Type == "page.hit");
        Assert.Null(await Silo.Contact(id).Get());
    }

    [Fact]
    public async Task The_device_of_a_deleted_contact_identified_as_a_known_contact_joins_it()
    {
        var known = (await Silo.Track(DeviceId.New(), Hits.Page(0).WithEmail("known@example.com"))).ContactId;
        var device = DeviceId.New();
        var deleted = (await Silo.Track(device, Hits.Page(1))).ContactId;
        await Silo.Contact(deleted).Delete(Hits.Minute(2));

        var identified = await Silo.Track(device, Hits.Page(3).WithEmail("known@example.com"));

        Assert.Equal(known, identified.ContactId);
        Assert.Equal(known, await Silo.Device(device).Contact());
        Assert.Contains(device, (await Silo.Snapshot(known)).Devices);
        Assert.Null(await Silo.Contact(deleted).Get());
    }

    [Fact]
    public async Task The_device_of_a_deleted_contact_answers_a_new_contact_when_only_asked_who_it_is()
    {
        var device = DeviceId.New();
        var id = (await Silo.Track(device, Hits.Page(0))).ContactId;
        await Silo.Contact(id).Delete(Hits.Minute(1));

        var resolved = await Silo.Device(device).Resolve(Hits.Minute(2));

        Assert.NotEqual(id, resolved.ContactId);
        Assert.NotNull(await Silo.Contact(resolved.ContactId).Get());
    }
}
