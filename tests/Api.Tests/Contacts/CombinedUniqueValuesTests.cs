using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Api.Tests.Tracking;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Identity;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// With Contacts:UniqueIdentifiersOperator=And a contact is known by the combination of its unique values: every write
/// and hit claims the combination it leaves the contact holding and frees the one it leaves, so no two contacts hold one.
/// </summary>
public abstract class CombinedUniqueValuesTests(Func<TestStore> store)
{
    [Fact]
    public async Task An_edit_claims_the_combination_it_makes_so_a_create_with_it_updates_that_contact()
    {
        await using var api = await AndModeAsync();
        var first = await Create(api, """{"email":"m@and.test","custid":"M1"}""");

        var (edited, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{first}/edit", """{"custid":"M2"}""");
        var (again, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"m@and.test","custid":"M2"}""");
        var (old, oldBody) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"m@and.test","custid":"M1"}""");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, (long)body["contact"]!["id"]!);
        // The combination the edit left is free for someone else.
        Assert.Equal(HttpStatusCode.Created, old.StatusCode);
        Assert.NotEqual(first, (long)oldBody["contact"]!["id"]!);
    }

    [Fact]
    public async Task An_edit_completing_another_contacts_combination_is_refused()
    {
        await using var api = await AndModeAsync();
        var emailOnly = await Create(api, """{"email":"n@and.test"}""");
        var both = await Create(api, """{"email":"n@and.test","custid":"N1"}""");

        var (edited, body) = await Send(api, HttpMethod.Patch, $"/api/contacts/{emailOnly}/edit", """{"custid":"N1"}""");
        var (replaced, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{emailOnly}/edit", """{"email":"n@and.test","custid":"N1"}""");

        Assert.NotEqual(emailOnly, both);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, edited.StatusCode);
        Assert.Equal("This field must be unique.", (string?)body["errors"]![0]!["details"]!["custid"]![0]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, replaced.StatusCode);
        Assert.Equal(both, await api.Grains.GetGrain<IIdentifierIndexGrain>("custid:n1&email:n@and.test").Owner());
    }

    [Fact]
    public async Task A_contact_given_a_second_unique_value_lets_its_former_combination_go()
    {
        await using var api = await AndModeAsync();
        var contact = await Create(api, """{"email":"p@and.test"}""");

        await Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", """{"custid":"P1"}""");

        Assert.Null(await api.Grains.GetGrain<IIdentifierIndexGrain>("email:p@and.test").Owner());
        Assert.Equal(contact, await api.Grains.GetGrain<IIdentifierIndexGrain>("custid:p1&email:p@and.test").Owner());
    }

    [Fact]
    public async Task A_batch_edit_claims_the_combination_as_a_single_edit_does()
    {
        await using var api = await AndModeAsync();
        var first = await Create(api, """{"email":"b@and.test","custid":"B1"}""");

        var (edited, _) = await Send(api, HttpMethod.Patch, "/api/contacts/batch/edit", $$"""[{"id":{{first}},"custid":"B2"}]""");
        var (again, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"b@and.test","custid":"B2"}""");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, (long)body["contact"]!["id"]!);
    }

    [Fact]
    public async Task A_hit_giving_a_contact_a_second_unique_value_claims_the_combination_an_api_write_meets()
    {
        await using var api = await AndModeAsync();
        await TrackingPipelineTests.MakePubliclyUpdatable(api, "email", "custid");
        var first = await TrackingPipelineTests.Event(api.Visitor(), new() { ["email"] = "t@and.test" });

        var second = await TrackingPipelineTests.Event(api.Visitor(), new() { ["custid"] = "T1", ["mautic_device_id"] = (string)first["device_id"]! });
        var (again, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"t@and.test","custid":"T1"}""");

        Assert.Equal((long)first["id"]!, (long)second["id"]!);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((long)first["id"]!, (long)body["contact"]!["id"]!);
        Assert.Null(await api.Grains.GetGrain<IIdentifierIndexGrain>("email:t@and.test").Owner());
    }

    [Fact]
    public async Task A_merges_winner_claims_the_combination_it_comes_to_hold()
    {
        await using var api = await AndModeAsync();
        var winner = await Create(api, """{"email":"w@and.test","custid":"W1"}""");
        var loser = await Create(api, """{"email":"l@and.test"}""");

        var merged = await api.ApiClient().PostAsync($"/api/contacts/{winner}/merge/{loser}", null);
        var (again, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"l@and.test","custid":"W1"}""");

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(winner, (long)body["contact"]!["id"]!);
    }

    [Fact]
    public async Task A_merge_made_by_tracking_claims_the_combination_the_winner_comes_to_hold_once()
    {
        await using var api = await AndModeAsync();
        var winner = await Create(api, """{"email":"tw@and.test","custid":"TW1"}""");
        var loser = await Create(api, """{"email":"tl@and.test"}""");

        // As a tracking hit merges (Identification), naming the unique fields it was resolved by; asked twice, as a
        // hit retrying after a lost answer would.
        var merged = await api.Grains.GetContact(winner).Absorb(loser, ["email", "custid"]);
        var again = await api.Grains.GetContact(winner).Absorb(loser, ["email", "custid"]);
        // The loser's email is the newer one: the winner now holds (tl@and.test, TW1), which neither contact held.
        var (created, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"tl@and.test","custid":"TW1"}""");

        Assert.Equal((MergeOutcome.Merged, MergeOutcome.Merged), (merged, again));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(winner, (long)body["contact"]!["id"]!);
        // Both combinations held before lead to the winner, as a merge's keys do with Or.
        Assert.Equal(winner, await api.Grains.GetGrain<IIdentifierIndexGrain>("email:tl@and.test").Owner());
        Assert.Equal(winner, await api.Grains.GetGrain<IIdentifierIndexGrain>("custid:tw1&email:tw@and.test").Owner());
    }

    [Fact]
    public async Task A_field_made_unique_frees_the_combinations_without_it()
    {
        await using var api = await AndModeAsync();
        var (_, region) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", """{"label":"Region","alias":"region","type":"text"}""");
        var north = await Create(api, """{"email":"r@and.test","region":"North"}""");

        var (made, _) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{region["field"]!["id"]}/edit", """{"isUniqueIdentifier":true}""");
        var (created, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"r@and.test"}""");

        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        // (r@and.test) alone is no longer the combination of the contact in the North.
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotEqual(north, (long)body["contact"]!["id"]!);
        Assert.Equal(north, await api.Grains.GetGrain<IIdentifierIndexGrain>("email:r@and.test&region:north").Owner());
    }

    [Fact]
    public async Task A_field_no_longer_unique_leaves_each_contact_known_by_its_other_unique_values()
    {
        await using var api = await AndModeAsync();
        var contact = await Create(api, """{"email":"s@and.test","custid":"S1"}""");

        var (ended, _) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{await CustidFieldAsync(api)}/edit", """{"isUniqueIdentifier":false}""");
        var (again, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"s@and.test"}""");

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(contact, (long)body["contact"]!["id"]!);
        Assert.Null(await api.Grains.GetGrain<IIdentifierIndexGrain>("custid:s1&email:s@and.test").Owner());
    }

    [Fact]
    public async Task A_field_cannot_stop_being_unique_while_two_contacts_differ_only_in_it()
    {
        await using var api = await AndModeAsync();
        await Create(api, """{"email":"u@and.test","custid":"U1"}""");
        await Create(api, """{"email":"u@and.test","custid":"U2"}""");

        var (refused, body) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{await CustidFieldAsync(api)}/edit", """{"isUniqueIdentifier":false}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.NotNull(body["errors"]![0]!["details"]!["isUniqueIdentifier"]);
        Assert.True((await api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields).Get()).Single(f => f.Alias == "custid").IsUniqueIdentifier);
    }

    private static async Task<long> CustidFieldAsync(ApiFactory api)
        => (await api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields).Get()).Single(f => f.Alias == "custid").Id;

    private async Task<ApiFactory> AndModeAsync()
    {
        var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Contacts:UniqueIdentifiersOperator"] = "And" });
        await api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields)
            .Upsert(new FieldDefinition("custid", "Customer id", "text", "core", IsUniqueIdentifier: true, IsPubliclyUpdatable: false, DefaultValue: null, IsPublished: true));
        return api;
    }
}

public sealed class SqliteCombinedUniqueValuesTests() : CombinedUniqueValuesTests(TestStore.Sqlite);

public sealed class PostgreSqlCombinedUniqueValuesTests() : CombinedUniqueValuesTests(TestStore.PostgreSql);
