using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Identity;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>What happens to a unique value's index entry when an edit replaces it or is refused.</summary>
public abstract class UniqueValueLifecycleTests(Func<TestStore> store)
{
    [Fact]
    public async Task An_email_replaced_by_an_edit_is_free_for_a_new_contact()
    {
        await using var api = new ApiFactory(store());
        var jim = await Create(api, """{"email":"old@example.com"}""");

        var (edited, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{jim}/edit", """{"email":"new@example.com"}""");
        var (created, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"old@example.com"}""");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotEqual(jim, (long)body["contact"]!["id"]!);
        Assert.Equal(jim, await api.Grains.GetGrain<IIdentifierIndexGrain>("email:new@example.com").Owner());
    }

    [Fact]
    public async Task A_merged_losers_email_keeps_leading_to_the_winner_after_the_winner_changes_its_own()
    {
        await using var api = new ApiFactory(store());
        // The loser is older, so the merge keeps the winner's newer email and the loser's stays an extra identifier.
        var loser = await Create(api, """{"email":"loser@example.com"}""");
        var winner = await Create(api, """{"email":"winner@example.com"}""");
        await api.ApiClient().PostAsync($"/api/contacts/{winner}/merge/{loser}", null);

        await Send(api, HttpMethod.Patch, $"/api/contacts/{winner}/edit", """{"email":"renamed@example.com"}""");
        var (again, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"loser@example.com","city":"Lyon"}""");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(winner, (long)body["contact"]!["id"]!);
        Assert.Null(await api.Grains.GetGrain<IIdentifierIndexGrain>("email:winner@example.com").Owner());
    }

    [Fact]
    public async Task An_edit_refused_on_its_second_unique_value_leaves_its_first_unclaimed()
    {
        await using var api = new ApiFactory(store());
        await api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields)
            .Upsert(new FieldDefinition("customer_no", "Customer number", "text", "core", IsUniqueIdentifier: true, IsPubliclyUpdatable: false, DefaultValue: null, IsPublished: true));
        await Create(api, """{"customer_no":"zz-9"}""");
        var jim = await Create(api, """{"email":"jim@example.com"}""");

        var (response, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{jim}/edit", """{"customer_no":"zz-9","email":"jim@example.com","phone":"1"}""");
        var (refused, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{jim}/edit", """{"email":"jimmy@example.com","customer_no":"zz-9"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Null(await api.Grains.GetGrain<IIdentifierIndexGrain>("email:jimmy@example.com").Owner());
        Assert.Equal(jim, await api.Grains.GetGrain<IIdentifierIndexGrain>("email:jim@example.com").Owner());
    }
}

public sealed class SqliteUniqueValueLifecycleTests() : UniqueValueLifecycleTests(TestStore.Sqlite);

public sealed class PostgreSqlUniqueValueLifecycleTests() : UniqueValueLifecycleTests(TestStore.PostgreSql);
