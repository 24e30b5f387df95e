using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>GET /api/contacts/list/owners and contacts' owners pointing at real users, on a real store.</summary>
public abstract class OwnerApiTests(Func<TestStore> store)
{
    [Fact]
    public async Task Owners_are_the_users_and_a_contacts_owner_names_its_user_and_is_searched_by_name()
    {
        await using var api = new ApiFactory(store());
        var user = await Create(api, "/api/users/new", "user",
            """{"username":"joe","email":"joe@example.com","firstName":"Joe","lastName":"Smith","password":"long-enough-password"}""");
        var userId = (long)user["id"]!;

        var owners = (await Get(api, "/api/contacts/list/owners")).AsArray();
        var owned = await CreateContact(api, $$"""{"email":"owned@example.com","owner":{{userId}}}""");
        await CreateContact(api, """{"email":"free@example.com"}""");
        var (unknown, error) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"x@example.com","owner":999}""");

        Assert.Contains(owners, o => (long)o!["id"]! == userId && (string)o["firstName"]! == "Joe" && (string)o["lastName"]! == "Smith");
        var owner = (await Get(api, $"/api/contacts/{owned}"))["contact"]!["owner"]!;
        Assert.Equal(userId, (long)owner["id"]!);
        Assert.Equal("joe", (string)owner["username"]!);
        Assert.Equal("Smith", (string)owner["lastName"]!);
        Assert.Equal([owned], await Search(api, "owner:smi"));
        Assert.Equal([owned], await Search(api, $"owner:{userId}"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal("owner: no published user has this id.", Message(error));
    }

    [Fact]
    public async Task A_body_owner_of_null_leaves_the_contact_unowned_and_a_body_without_owner_keeps_it()
    {
        await using var api = new ApiFactory(store());
        var userId = (long)(await Create(api, "/api/users/new", "user",
            """{"username":"joe","email":"joe@example.com","firstName":"Joe","lastName":"Smith","password":"long-enough-password"}"""))["id"]!;
        var ann = await CreateContact(api, $$"""{"email":"ann@example.com","owner":{{userId}}}""");

        var (kept, keptBody) = await Send(api, HttpMethod.Patch, $"/api/contacts/{ann}/edit", """{"city":"Oslo"}""");
        var (cleared, clearedBody) = await Send(api, HttpMethod.Patch, $"/api/contacts/{ann}/edit", """{"owner":null}""");

        Assert.Equal(HttpStatusCode.OK, kept);
        Assert.Equal(userId, (long)keptBody["contact"]!["owner"]!["id"]!);
        Assert.Equal(HttpStatusCode.OK, cleared);
        Assert.Null(clearedBody["contact"]!["owner"]);
        Assert.Null((await Get(api, $"/api/contacts/{ann}"))["contact"]!["owner"]);
        Assert.Empty(await Search(api, $"owner:{userId}"));
        Assert.Equal([ann], await Search(api, "is:unowned"));
    }
}

public sealed class SqliteOwnerApiTests() : OwnerApiTests(TestStore.Sqlite);

public sealed class PostgreSqlOwnerApiTests() : OwnerApiTests(TestStore.PostgreSql);
