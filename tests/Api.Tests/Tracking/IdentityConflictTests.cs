using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.Api.Fields;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// A tracking hit naming a unique value that conflicts with the device's contact: the device switches to that value's
/// owner (or a new contact), and neither contact is merged or overwritten.
/// </summary>
public abstract class IdentityConflictTests(Func<TestStore> store)
{
    [Fact]
    public async Task An_anonymous_visitor_naming_two_customers_emails_one_after_the_other_merges_neither()
    {
        await using var api = await StartAsync();
        var v1 = await Create(api, new { email = "v1@corp.com", firstname = "v1", points = 10 });
        var v2 = await Create(api, new { email = "v2@corp.com", firstname = "v2", points = 10 });
        var visitor = api.Visitor();

        var first = await Event(visitor, new() { ["email"] = "v1@corp.com" });
        var second = await Event(api.Visitor(), new() { ["email"] = "v2@corp.com", ["mautic_device_id"] = (string)first["device_id"]! });

        Assert.Equal(v1, (long)first["id"]!);
        Assert.Equal(v2, (long)second["id"]!);
        foreach (var (id, name) in new[] { (v1, "v1"), (v2, "v2") })
        {
            var contact = await Contact(api, id);
            Assert.Equal(id, (long)contact["id"]!);
            Assert.Equal($"{name}@corp.com", (string)contact["fields"]!["all"]!["email"]!);
            Assert.Equal(10, (int)contact["points"]!);
        }
        Assert.Equal(2, await Found(api, "corp.com"));
    }

    [Fact]
    public async Task A_device_identified_as_one_customer_naming_another_switches_to_them_and_both_stay()
    {
        await using var api = await StartAsync();
        var alice = await Event(api.Visitor(), new() { ["page_url"] = "http://site/a", ["email"] = "alice@x.com", ["firstname"] = "Alice" });
        var bob = await Event(api.Visitor(), new() { ["page_url"] = "http://site/b", ["email"] = "bob@x.com", ["firstname"] = "Bob" });

        var switched = await Event(api.Visitor(), new()
        {
            ["page_url"] = "http://site/c", ["email"] = " BOB@x.com", ["firstname"] = "Robert", ["mautic_device_id"] = (string)alice["device_id"]!,
        });

        Assert.Equal((long)bob["id"]!, (long)switched["id"]!);
        var aliceNow = await Contact(api, (long)alice["id"]!);
        Assert.Equal((long)alice["id"]!, (long)aliceNow["id"]!);
        Assert.Equal("alice@x.com", (string)aliceNow["fields"]!["all"]!["email"]!);
        Assert.Equal("Alice", (string)aliceNow["fields"]!["all"]!["firstname"]!);
        // The hit's other values go to the contact the device switched to.
        Assert.Equal("Robert", (string)(await Contact(api, (long)bob["id"]!))["fields"]!["all"]!["firstname"]!);
        Assert.Equal(2, await Found(api, "x.com"));
    }

    [Fact]
    public async Task A_device_naming_a_new_email_after_another_starts_a_new_contact_and_the_old_keeps_its_email_and_history()
    {
        await using var api = await StartAsync();
        var dave = await Event(api.Visitor(), new() { ["page_url"] = "http://site/dave", ["email"] = "dave@x.com", ["firstname"] = "Dave" });
        var daveId = (long)dave["id"]!;

        var erin = await Event(api.Visitor(), new()
        {
            ["page_url"] = "http://site/erin", ["email"] = "erin@x.com", ["firstname"] = "Erin", ["tags"] = "erin-tag",
            ["mautic_device_id"] = (string)dave["device_id"]!,
        });

        var erinId = (long)erin["id"]!;
        Assert.NotEqual(daveId, erinId);
        Assert.Equal((string)dave["device_id"]!, (string)erin["device_id"]!);
        var daveNow = await api.Grains.GetContact(daveId).Get();
        Assert.Equal("dave@x.com", daveNow!.Fields["email"]);
        Assert.Equal("Dave", daveNow.Fields["firstname"]);
        Assert.Equal(["email:dave@x.com"], daveNow.Identifiers);
        Assert.Empty(daveNow.Tags);
        Assert.Equal(daveId, await api.Grains.GetGrain<IIdentifierIndexGrain>("email:dave@x.com").Owner());
        Assert.Equal(erinId, await api.Grains.GetGrain<IIdentifierIndexGrain>("email:erin@x.com").Owner());
        Assert.Equal("http://site/dave", Assert.Single(await api.Grains.GetContact(daveId).Timeline(), e => e.Type == "page.hit").Details["url"]);
        var erinNow = await api.Grains.GetContact(erinId).Get();
        Assert.Equal(("erin@x.com", "Erin"), (erinNow!.Fields["email"], erinNow.Fields["firstname"]));
        Assert.Equal(["erin-tag"], erinNow.Tags);
        Assert.Equal(erinId, await api.Grains.GetGrain<IDeviceGrain>((string)dave["device_id"]!).Contact());
        Assert.Equal(1, await Found(api, "dave@x.com"));

        // The API finds Dave by his email, and Erin keeps hers.
        var created = await api.ApiClient().PostAsJsonAsync("/api/contacts/new", new { email = "dave@x.com", lastname = "Doe" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(daveId, (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["contact"]!["id"]!);
        Assert.Equal("erin@x.com", (await api.Grains.GetContact(erinId).Get())!.Fields["email"]);
        Assert.Equal(1, await Found(api, "erin@x.com"));
    }

    [Fact]
    public async Task An_anonymous_device_naming_a_customers_email_still_merges_into_the_customer()
    {
        await using var api = await StartAsync();
        var customer = await Create(api, new { email = "ann@corp.com", points = 10 });
        var visitor = api.Visitor();
        var anonymous = await Event(visitor, new() { ["page_url"] = "http://site/a", ["tags"] = "pricing" });

        var identified = await Event(visitor, new() { ["page_url"] = "http://site/b", ["email"] = "Ann@Corp.com", ["firstname"] = "Ann" });

        Assert.Equal(customer, (long)identified["id"]!);
        Assert.Equal(customer, await api.Grains.ResolveContactAsync((long)anonymous["id"]!));
        var merged = (await api.Grains.GetContact(customer).Get())!;
        Assert.Equal(["pricing"], merged.Tags);
        Assert.Equal("Ann", merged.Fields["firstname"]);
        Assert.Equal(2, (await api.Grains.GetContact(customer).Timeline()).Count(e => e.Type == "page.hit"));
    }

    [Fact]
    public async Task A_merge_of_the_contact_a_device_switched_away_from_leaves_the_device_with_the_new_person()
    {
        await using var api = await StartAsync();
        var dave = await Event(api.Visitor(), new() { ["email"] = "dave@x.com" });
        var erin = await Event(api.Visitor(), new() { ["email"] = "erin@x.com", ["mautic_device_id"] = (string)dave["device_id"]! });
        var keeper = await Create(api, new { firstname = "Keeper" });

        var merge = await api.ApiClient().PostAsync($"/api/contacts/{keeper}/merge/{(long)dave["id"]!}", null);

        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        Assert.Equal((long)erin["id"]!, await api.Grains.GetGrain<IDeviceGrain>((string)dave["device_id"]!).Contact());
        Assert.Equal((long)erin["id"]!, (long)(await Event(api.Visitor(), new() { ["mautic_device_id"] = (string)dave["device_id"]! }))["id"]!);
    }

    [Fact]
    public async Task A_hit_naming_one_customers_email_and_anothers_phone_merges_neither_and_overwrites_neither()
    {
        await using var api = await StartAsync();
        var catalog = api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields);
        await catalog.Upsert((await catalog.Get()).Single(f => f.Alias == "phone") with { IsUniqueIdentifier = true, IsPubliclyUpdatable = true });
        api.Services.GetRequiredService<FieldCatalogCache>().Invalidate();
        var v1 = await Create(api, new { email = "v1@corp.com", phone = "111" });
        var v2 = await Create(api, new { email = "v2@corp.com", phone = "222" });

        var hit = await Event(api.Visitor(), new() { ["email"] = "v1@corp.com", ["phone"] = "222" });

        Assert.Equal(v1, (long)hit["id"]!);
        Assert.Equal(("v1@corp.com", "111"), await EmailAndPhone(api, v1));
        Assert.Equal(("v2@corp.com", "222"), await EmailAndPhone(api, v2));
        Assert.Equal(v2, await api.Grains.GetGrain<IIdentifierIndexGrain>("phone:222").Owner());
    }

    private async Task<ApiFactory> StartAsync()
    {
        var api = new ApiFactory(store());
        await MakePubliclyUpdatable(api, "email", "firstname");
        return api;
    }

    [Fact]
    public async Task A_hit_naming_a_value_its_contact_owns_through_a_merge_or_in_another_case_does_not_replace_the_one_it_shows()
    {
        await using var api = await StartAsync();
        var first = await Event(api.Visitor(), new() { ["email"] = "f1@x.com" });
        var second = await Event(api.Visitor(), new() { ["email"] = "f2@x.com" });
        var keeper = (long)first["id"]!;
        var merge = await api.ApiClient().PostAsync($"/api/contacts/{keeper}/merge/{(long)second["id"]!}", null);
        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        // The newer value shows after the merge (newest non-empty value per field); the contact owns both.
        Assert.Equal("f2@x.com", (string?)(await Contact(api, keeper))["fields"]!["all"]!["email"]);

        var viaFirst = await Event(api.Visitor(), new() { ["email"] = "f1@x.com", ["mautic_device_id"] = (string)first["device_id"]! });
        var otherCase = await Event(api.Visitor(), new() { ["email"] = " F2@X.com ", ["mautic_device_id"] = (string)second["device_id"]! });

        Assert.Equal(keeper, (long)viaFirst["id"]!);
        Assert.Equal(keeper, (long)otherCase["id"]!);
        Assert.Equal("f2@x.com", (string?)(await Contact(api, keeper))["fields"]!["all"]!["email"]);
        Assert.Equal(1, await Found(api, "email:f2@x.com"));
    }

    [Fact]
    public async Task A_device_that_switches_to_another_person_is_listed_only_on_that_persons_contact()
    {
        await using var api = await StartAsync();
        var first = await Event(api.Visitor(), new() { ["email"] = "one@x.com" });
        var device = (string)first["device_id"]!;

        var second = await Event(api.Visitor(), new() { ["email"] = "two@x.com", ["mautic_device_id"] = device });

        async Task<string[]> Devices(long id) => JsonNode.Parse(await api.ApiClient().GetStringAsync($"/api/contacts/{id}/devices"))!["devices"]!
            .AsArray().Select(d => (string)d!["trackingId"]!).ToArray();
        Assert.NotEqual((long)first["id"]!, (long)second["id"]!);
        Assert.Empty(await Devices((long)first["id"]!));
        Assert.Equal([device], await Devices((long)second["id"]!));
        Assert.Equal(1, await Found(api, "email:one@x.com"));
    }

    [Fact]
    public async Task Two_devices_of_one_contact_racing_two_new_emails_leave_it_one_email_and_the_other_hit_whole_on_a_new_contact()
    {
        await using var api = await StartAsync();
        // The race is between two hits reading the contact (no email yet) and recording on it: many rounds make it likely.
        for (var round = 0; round < 12; round++)
        {
            var first = await Event(api.Visitor(), new() { ["page_url"] = "http://site/1" });
            var second = await Event(api.Visitor(), new() { ["page_url"] = "http://site/2" });
            var contact = (long)first["id"]!;
            var merge = await api.ApiClient().PostAsync($"/api/contacts/{contact}/merge/{(long)second["id"]!}", null);
            Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
            var emails = new[] { $"a{round}@x.com", $"b{round}@x.com" };
            var devices = new[] { (string)first["device_id"]!, (string)second["device_id"]! };

            var hits = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Event(api.Visitor(), new()
            {
                ["page_url"] = $"http://site/{emails[i]}", ["email"] = emails[i], ["firstname"] = $"F{i}", ["mautic_device_id"] = devices[i],
            })));

            var kept = (await api.Grains.GetContact(contact).Get())!;
            var keptIndex = Array.IndexOf(emails, kept.Fields["email"]);
            Assert.True(keptIndex >= 0, $"round {round}: the contact shows {kept.Fields["email"]}");
            var other = 1 - keptIndex;
            Assert.Equal([$"email:{emails[keptIndex]}"], kept.Identifiers);
            Assert.Equal(contact, (long)hits[keptIndex]["id"]!);
            Assert.Equal(contact, await api.Grains.GetGrain<IIdentifierIndexGrain>($"email:{emails[keptIndex]}").Owner());
            // The other hit named someone else: it went, whole, to a new contact that owns its email, and its device with it.
            var moved = (long)hits[other]["id"]!;
            Assert.NotEqual(contact, moved);
            Assert.Equal(moved, await api.Grains.GetGrain<IIdentifierIndexGrain>($"email:{emails[other]}").Owner());
            var newcomer = (await api.Grains.GetContact(moved).Get())!;
            Assert.Equal((emails[other], $"F{other}"), (newcomer.Fields["email"], newcomer.Fields["firstname"]));
            Assert.Equal([$"email:{emails[other]}"], newcomer.Identifiers);
            Assert.Equal([devices[other]], newcomer.Devices);
            Assert.Equal(moved, await api.Grains.GetGrain<IDeviceGrain>(devices[other]).Contact());
            Assert.Equal($"http://site/{emails[other]}", Assert.Single(await api.Grains.GetContact(moved).Timeline(), e => e.Type == "page.hit").Details["url"]);
            Assert.DoesNotContain(await api.Grains.GetContact(contact).Timeline(), e => e.Type == "page.hit" && e.Details["url"] == $"http://site/{emails[other]}");
        }
    }

    private static async Task<long> Create(ApiFactory api, object body)
    {
        var response = await api.ApiClient().PostAsJsonAsync("/api/contacts/new", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["contact"]!["id"]!;
    }

    private static async Task<int> Found(ApiFactory api, string search)
    {
        var response = await api.ApiClient().GetAsync($"/api/contacts?search={Uri.EscapeDataString(search)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["total"]!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(string?, string?)> EmailAndPhone(ApiFactory api, long id)
    {
        var contact = (await api.Grains.GetContact(id).Get())!;
        return (contact.Fields.GetValueOrDefault("email"), contact.Fields.GetValueOrDefault("phone"));
    }
}

public sealed class SqliteIdentityConflictTests() : IdentityConflictTests(TestStore.Sqlite);

public sealed class PostgreSqlIdentityConflictTests() : IdentityConflictTests(TestStore.PostgreSql);
