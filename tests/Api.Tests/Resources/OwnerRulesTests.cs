using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>A contact's owner is a published user, in every write.</summary>
public abstract class OwnerRulesTests(Func<TestStore> store)
{
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

        var import = await Imports.ImportRequests.Import(api, $"email,owner\nann@example.com,{joe}\nbob@example.com,999\ncy@example.com,{off}\n");

        Assert.Equal(3, (int)import["insertedCount"]!);
        var warnings = import["failedLines"]!.AsArray().ToDictionary(p => (int)p!["line"]!, p => p!);
        Assert.Equal([3, 4], warnings.Keys.Order());
        Assert.Equal("owner: no published user has the id 999; the row was imported without it.", (string)warnings[3]["message"]!);
        Assert.False((bool)warnings[3]["rowIgnored"]!);
        Assert.Equal($"owner: no published user has the id {off}; the row was imported without it.", (string)warnings[4]["message"]!);
        var owners = (await Imports.ImportRequests.ListContacts(api.ApiClient()))
            .ToDictionary(c => Imports.ImportRequests.Field(c.Value!, "email")!, c => (long?)c.Value!["owner"]?["id"]);
        Assert.Equal(new Dictionary<string, long?> { ["ann@example.com"] = joe, ["bob@example.com"] = null, ["cy@example.com"] = null }, owners);
    }

    private static async Task<long> NewUser(ApiFactory api, string name)
        => (long)(await Create(api, "/api/users/new", "user",
            $$"""{"username":"{{name}}","email":"{{name}}@example.com","firstName":"{{name}}","lastName":"Roe","password":"long-enough-password"}"""))["id"]!;
}

public sealed class SqliteOwnerRulesTests() : OwnerRulesTests(TestStore.Sqlite);

public sealed class PostgreSqlOwnerRulesTests() : OwnerRulesTests(TestStore.PostgreSql);
