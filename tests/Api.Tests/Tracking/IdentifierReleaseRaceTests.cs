using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Identity;
using static Actors.Api.Tests.Resources.ResourceCalls;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// A write that is refused gives back the unique values it claimed for its contact, while another write of that contact
/// may be relying on them: one that claimed the same value (the index already giving it to the contact) and has not
/// recorded it yet, or one that recorded it already. The contact and the index must agree whatever the order: every
/// unique value a contact shows leads to it, so no second contact can be made with it. Each test stops a REST edit at
/// a known step by holding a grain's storage write (<see cref="GrainWriteGate"/>), and runs a tracking hit meanwhile.
/// </summary>
public abstract class IdentifierReleaseRaceTests(Func<TestStore> store)
{
    private static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_edit_that_claimed_a_value_a_refused_hit_then_gives_back_does_not_show_it_without_owning_it()
    {
        var gate = new GrainWriteGate();
        await using var api = await StartAsync(gate);
        var visitor = api.Visitor();
        var contact = (long)(await Event(visitor, new() { ["page_url"] = "http://site/1", ["email"] = "y@x.com" }))["id"]!;
        // A hit from another of its devices claimed x for it before y was recorded: that hit is refused, and gives x back.
        await Index("email", "x@x.com").Claim(contact);
        // The edit claims x (already its contact's) and then stops in claiming its code, before writing the contact.
        gate.Hold("index", UniqueIdentifier.Normalize("zcode", "w1"));
        var edit = Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", """{"email":"x@x.com","zcode":"w1"}""");
        await gate.Reached.WaitAsync(WaitAtMost);

        var hit = await Event(visitor, new() { ["page_url"] = "http://site/2", ["email"] = "x@x.com" });
        gate.Release();
        var (status, _) = await edit;

        // The hit, given x back, went to a new contact that owns x; the edit, coming later, finds x taken.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotEqual(contact, (long)hit["id"]!);
        Assert.Equal("y@x.com", (await Shown(api, contact)).Fields["email"]);
        await AssertIndexAgreesAsync(api, contact, (long)hit["id"]!);
        await AssertOneContactWithAsync(api, "x@x.com", (long)hit["id"]!);
        Assert.Null(await Index("zcode", "w1").Owner());

        IIdentifierIndexGrain Index(string alias, string value) => api.Grains.GetGrain<IIdentifierIndexGrain>(UniqueIdentifier.Normalize(alias, value));
    }

    [Fact]
    public async Task A_refused_edit_giving_back_a_value_a_hit_recorded_meanwhile_leaves_the_value_with_the_contact()
    {
        var gate = new GrainWriteGate();
        await using var api = await StartAsync(gate);
        var owner = await CreateContact(api, """{"email":"d@x.com","zcode":"w2"}""");
        var visitor = api.Visitor();
        var contact = (long)(await Event(visitor, new() { ["page_url"] = "http://site/1" }))["id"]!;
        // The owner of w2 is kept in a write, so the edit below, refused for w2, waits on it after claiming x.
        gate.Hold("contact", $"{owner}");
        var held = Send(api, HttpMethod.Patch, $"/api/contacts/{owner}/edit", """{"firstname":"Held"}""");
        await gate.Reached.WaitAsync(WaitAtMost);
        var edit = Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", """{"email":"x@x.com","zcode":"w2"}""");
        await WaitForOwnerAsync(api, UniqueIdentifier.Normalize("email", "x@x.com"), contact);

        var hit = await Event(visitor, new() { ["page_url"] = "http://site/2", ["email"] = "x@x.com" });
        gate.Release();
        Assert.Equal(HttpStatusCode.OK, (await held).Status);
        var (status, _) = await edit;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(contact, (long)hit["id"]!);
        Assert.Equal("x@x.com", (await Shown(api, contact)).Fields["email"]);
        await AssertIndexAgreesAsync(api, contact, owner);
        await AssertOneContactWithAsync(api, "x@x.com", contact);
    }

    [Fact]
    public async Task A_create_whose_new_contact_a_racing_edit_made_and_had_deleted_starts_over()
    {
        var gate = new GrainWriteGate();
        await using var api = await StartAsync(gate);
        // The create claims the email for its new id, then stops in claiming its code, before writing the contact.
        gate.Hold("index", UniqueIdentifier.Normalize("zcode", "w3"));
        var create = Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"n@x.com","zcode":"w3"}""");
        await gate.Reached.WaitAsync(WaitAtMost);
        // Another create finds the new id at the email's index and makes the contact; an operator deletes it.
        var (racedStatus, raced) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"n@x.com"}""");
        Assert.Equal(HttpStatusCode.OK, racedStatus);
        var deleted = (long)raced["contact"]!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await Send(api, HttpMethod.Delete, $"/api/contacts/{deleted}/delete")).Status);

        gate.Release();
        var (status, body) = await create;

        // The held create wrote nothing to the deleted contact: it made a contact of its own, which owns both values.
        Assert.Equal(HttpStatusCode.Created, status);
        var created = (long)body["contact"]!["id"]!;
        Assert.NotEqual(deleted, created);
        Assert.Equal("w3", (await Shown(api, created)).Fields["zcode"]);
        await AssertIndexAgreesAsync(api, created);
        await AssertOneContactWithAsync(api, "n@x.com", created);
        Assert.Equal(created, await api.Grains.GetGrain<IIdentifierIndexGrain>(UniqueIdentifier.Normalize("zcode", "w3")).Owner());
    }

    private async Task<ApiFactory> StartAsync(GrainWriteGate gate)
    {
        var api = new ApiFactory(store(), services: gate.Install);
        await MakePubliclyUpdatable(api, "email", "firstname");
        await Create(api, "/api/fields/contact/new", "field", """{"label":"Zcode","isUniqueIdentifier":true}""");
        return api;
    }

    private static async Task<ContactSnapshot> Shown(ApiFactory api, long id) => (await api.Grains.GetContact(id).Get())!;

    /// <summary>Every unique value each contact shows leads to it at its index.</summary>
    private static async Task AssertIndexAgreesAsync(ApiFactory api, params long[] contacts)
    {
        foreach (var id in contacts)
        {
            var shown = await Shown(api, id);
            foreach (var alias in new[] { "email", "zcode" })
            {
                if (shown.Fields.GetValueOrDefault(alias) is { Length: > 0 } value)
                    Assert.Equal(id, await api.Grains.GetGrain<IIdentifierIndexGrain>(UniqueIdentifier.Normalize(alias, value)).Owner());
            }
        }
    }

    /// <summary>One contact shows the email, and creating a contact with it updates that one rather than making another.</summary>
    private static async Task AssertOneContactWithAsync(ApiFactory api, string email, long expected)
    {
        Assert.Equal([expected], await Search(api, $"email:{email}"));
        var (status, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", new JsonObject { ["email"] = email }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, (long)body["contact"]!["id"]!);
    }

    private static async Task WaitForOwnerAsync(ApiFactory api, string key, long expected)
    {
        var deadline = DateTime.UtcNow + WaitAtMost;
        while (await api.Grains.GetGrain<IIdentifierIndexGrain>(key).Owner() != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"'{key}' was not claimed for {expected} within {WaitAtMost.TotalSeconds} s.");
            await Task.Delay(20);
        }
    }
}

public sealed class SqliteIdentifierReleaseRaceTests() : IdentifierReleaseRaceTests(TestStore.Sqlite);

public sealed class PostgreSqlIdentifierReleaseRaceTests() : IdentifierReleaseRaceTests(TestStore.PostgreSql);
