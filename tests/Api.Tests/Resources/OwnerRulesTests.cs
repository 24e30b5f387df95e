using System.Net;
using Actors.Api.Catalogs;
using Actors.Api.Tests.Infrastructure;
using Actors.Api.Users;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Users;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>A contact's owner is a published user, in every write, and stops being one when the user is deleted.</summary>
public abstract class OwnerRulesTests(Func<TestStore> store)
{
    [Fact]
    public async Task Deleting_a_user_leaves_its_contacts_unowned_in_get_search_where_and_the_export()
    {
        await using var api = new ApiFactory(store());
        var joe = await NewUser(api, "joe");
        var kept = await NewUser(api, "kim");
        var owned = await CreateContact(api, """{"email":"owned@example.com"}""");
        var other = await CreateContact(api, $$"""{"email":"other@example.com","owner":{{kept}}}""");
        var (batch, _) = await Send(api, HttpMethod.Post, "/api/contacts/batch/owner", $$"""{"ids":[{{owned}}],"owner":{{joe}}}""");
        Assert.Equal(HttpStatusCode.OK, batch);

        var (deleted, _) = await Send(api, HttpMethod.Delete, $"/api/users/{joe}/delete");

        Assert.Equal(HttpStatusCode.OK, deleted);
        // Read at once: the sweep ends before the delete answers.
        Assert.Null((await api.Grains.GetContact(owned).Get())!.OwnerId);
        Assert.Equal([owned], await Search(api, "is:unowned"));
        Assert.Empty(await Search(api, $"owner:{joe}"));
        Assert.Equal([other], await Search(api, $"owner:{kept}"));
        var where = await Get(api, $"/api/contacts?where[0][col]=owner_id&where[0][expr]=eq&where[0][val]={joe}");
        Assert.Equal("0", where["total"]!.ToString());
        var export = await api.ApiClient().GetStringAsync("/api/contacts/export?search=" + Uri.EscapeDataString("is:unowned"));
        Assert.Contains("owned@example.com", export);
        Assert.DoesNotContain("other@example.com", export);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_user_delete_cut_short_after_its_mark_is_finished_by_the_next_process_or_by_repeating_it(bool repeat)
    {
        await using var api = new ApiFactory(store());
        var joe = await NewUser(api, "joe");
        var contact = await CreateContact(api, $$"""{"email":"owned@example.com","owner":{{joe}}}""");
        var directory = api.Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key);
        Assert.True(await directory.BeginRemove(joe));

        var (hidden, _) = await Send(api, HttpMethod.Get, $"/api/users/{joe}");
        if (repeat)
            Assert.Equal(HttpStatusCode.NotFound, (await Send(api, HttpMethod.Delete, $"/api/users/{joe}/delete")).Status);
        else
            await api.Services.GetRequiredService<UnfinishedCatalogChanges>().FinishAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, hidden);
        Assert.Null((await api.Grains.GetContact(contact).Get())!.OwnerId);
        Assert.Empty(await directory.Leaving());
        Assert.Null(await api.Grains.GetGrain<IUserGrain>("joe").Get());
        Assert.Equal([contact], await Search(api, "is:unowned"));
    }

    [Fact]
    public async Task Contacts_owned_by_a_user_an_older_build_deleted_are_left_unowned_at_start_up()
    {
        await using var api = new ApiFactory(store());
        var joe = await NewUser(api, "joe");
        var kim = await NewUser(api, "kim");
        var orphan = await CreateContact(api, $$"""{"email":"orphan@example.com","owner":{{joe}}}""");
        var kept = await CreateContact(api, $$"""{"email":"kept@example.com","owner":{{kim}}}""");
        // What an older build's delete left: the user and its directory entry gone, its contacts still owned by it.
        await api.Grains.GetGrain<IUserGrain>("joe").Delete();
        await api.Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).Remove(joe);
        Assert.Equal(joe, (await api.Grains.GetContact(orphan).Get())!.OwnerId);

        var changes = api.Services.GetRequiredService<UnfinishedCatalogChanges>();
        await changes.FinishAsync(CancellationToken.None);
        await changes.FinishAsync(CancellationToken.None);

        Assert.Null((await api.Grains.GetContact(orphan).Get())!.OwnerId);
        Assert.Equal(kim, (await api.Grains.GetContact(kept).Get())!.OwnerId);
        Assert.Equal([orphan], await Search(api, "is:unowned"));
        Assert.Empty(await api.Services.GetRequiredService<UserDelete>().ClearOwnersOfDeletedUsersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_owner_given_while_its_user_is_being_deleted_is_taken_back()
    {
        await using var api = new ApiFactory(store());
        var joe = await NewUser(api, "joe");
        var contact = await CreateContact(api, """{"email":"owned@example.com"}""");
        // Read into the front end's cache while published, so only the check after the write can tell.
        Assert.NotEmpty((await Get(api, "/api/contacts/list/owners")).AsArray());
        await api.Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).BeginRemove(joe);

        var (patched, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", $$"""{"owner":{{joe}},"city":"Oslo"}""");

        Assert.Equal(HttpStatusCode.OK, patched);
        var stored = (await api.Grains.GetContact(contact).Get())!;
        Assert.Null(stored.OwnerId);
        Assert.Equal("Oslo", stored.Fields["city"]);
    }

    [Fact]
    public async Task An_unpublished_user_is_refused_as_owner_by_every_write()
    {
        await using var api = new ApiFactory(store());
        var joe = await NewUser(api, "joe");
        var (unpublished, _) = await Send(api, HttpMethod.Patch, $"/api/users/{joe}/edit", """{"isPublished":false}""");
        Assert.Equal(HttpStatusCode.OK, unpublished);
        var contact = await CreateContact(api, """{"email":"ann@example.com"}""");

        var (created, createError) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"bob@example.com","owner":{{joe}}}""");
        var (patched, patchError) = await Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", $$"""{"owner":{{joe}}}""");
        var (batch, batchError) = await Send(api, HttpMethod.Post, "/api/contacts/batch/owner", $$"""{"ids":[{{contact}}],"owner":{{joe}}}""");
        var (import, importError) = await Imports.ImportRequests.Upload(api.ApiClient(), "email\ncy@example.com\n", ("owner", $"{joe}"));

        Assert.Equal(HttpStatusCode.BadRequest, created);
        Assert.Equal("owner: no published user has this id.", Message(createError));
        Assert.Equal(HttpStatusCode.BadRequest, patched);
        Assert.Equal("owner: no published user has this id.", Message(patchError));
        Assert.Equal(HttpStatusCode.BadRequest, batch);
        Assert.Equal("owner: must be the id of a published user.", Message(batchError));
        Assert.Equal(HttpStatusCode.BadRequest, import);
        Assert.Equal($"owner: no published user has the id {joe}.", Message(importError));
        Assert.Null((await api.Grains.GetContact(contact).Get())!.OwnerId);
    }

    [Fact]
    public async Task An_import_row_whose_owner_is_no_published_user_is_imported_without_it_and_warned_of()
    {
        await using var api = new ApiFactory(store());
        var joe = await NewUser(api, "joe");
        var off = await NewUser(api, "off");
        await Send(api, HttpMethod.Patch, $"/api/users/{off}/edit", """{"isPublished":false}""");

        var import = await Imports.ImportRequests.Import(api, $"email,owner\nann@example.com,{joe}\nbob@example.com,999\ncy@example.com,{off}\ndi@example.com,bob\n");

        Assert.Equal(4, (int)import["insertedCount"]!);
        var warnings = import["failedLines"]!.AsArray().ToDictionary(p => (int)p!["line"]!, p => p!);
        Assert.Equal([3, 4, 5], warnings.Keys.Order());
        Assert.Equal("owner: 'bob' is not a user id; the row was imported without it.", (string)warnings[5]["message"]!);
        Assert.False((bool)warnings[5]["rowIgnored"]!);
        Assert.Equal("owner: no published user has the id 999; the row was imported without it.", (string)warnings[3]["message"]!);
        Assert.False((bool)warnings[3]["rowIgnored"]!);
        Assert.Equal($"owner: no published user has the id {off}; the row was imported without it.", (string)warnings[4]["message"]!);
        var owners = (await Imports.ImportRequests.ListContacts(api.ApiClient()))
            .ToDictionary(c => Imports.ImportRequests.Field(c.Value!, "email")!, c => (long?)c.Value!["owner"]?["id"]);
        Assert.Equal(new Dictionary<string, long?> { ["ann@example.com"] = joe, ["bob@example.com"] = null, ["cy@example.com"] = null, ["di@example.com"] = null }, owners);
    }

    private static async Task<long> NewUser(ApiFactory api, string name)
        => (long)(await Create(api, "/api/users/new", "user",
            $$"""{"username":"{{name}}","email":"{{name}}@example.com","firstName":"{{name}}","lastName":"Roe","password":"long-enough-password"}"""))["id"]!;
}

public sealed class SqliteOwnerRulesTests() : OwnerRulesTests(TestStore.Sqlite);

public sealed class PostgreSqlOwnerRulesTests() : OwnerRulesTests(TestStore.PostgreSql);
