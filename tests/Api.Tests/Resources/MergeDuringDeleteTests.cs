using System.Globalization;
using System.Net;
using Actors.Api.Catalogs;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Segments;
using Actors.Interfaces.Stages;
using Actors.Interfaces.Users;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>
/// A merge while a segment, stage or user delete runs: the delete's sweep is taken to have passed both contacts
/// already, so whatever the loser brings of the entry going must be dropped by the merge itself, or the winner keeps a
/// segment, stage or owner that no longer exists.
/// </summary>
public abstract class MergeDuringDeleteTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_merge_leaves_the_winner_out_of_what_the_loser_brought_that_is_being_deleted()
    {
        await using var api = new ApiFactory(store());
        var kept = (long)(await Create(api, "/api/segments/new", "list", """{"name":"Kept"}"""))["id"]!;
        var goneSegment = (long)(await Create(api, "/api/segments/new", "list", """{"name":"Gone"}"""))["id"]!;
        var goneStage = (long)(await Create(api, "/api/stages/new", "stage", """{"name":"Gone"}"""))["id"]!;
        var (userCreated, user) = await Send(api, HttpMethod.Post, "/api/users/new",
            """{"username":"ann","email":"ann@example.com","firstName":"Ann","lastName":"Lee","password":"ann-password"}""");
        Assert.Equal(HttpStatusCode.Created, userCreated);
        var owner = (long)user["user"]!["id"]!;
        var winner = await CreateContact(api, """{"email":"win@example.com"}""");
        var loser = await CreateContact(api, $$"""{"email":"lose@example.com","stage":{{goneStage}},"owner":{{owner}}}""");
        await Send(api, HttpMethod.Post, $"/api/segments/{kept}/contact/{loser}/add");
        await Send(api, HttpMethod.Post, $"/api/segments/{goneSegment}/contact/{loser}/add");
        await CatalogEndpoints.Catalog<Segment>(api.Grains).BeginRemove(goneSegment);
        await CatalogEndpoints.Catalog<Stage>(api.Grains).BeginRemove(goneStage);
        await api.Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).BeginRemove(owner);

        var (merged, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}");
        var contact = (await api.Grains.GetContact(winner).Get())!;

        Assert.Equal(HttpStatusCode.OK, merged);
        Assert.Equal([kept], contact.Segments);
        Assert.Null(contact.Stage);
        Assert.Null(contact.OwnerId);
        Assert.Equal([winner], await Search(api, $"segment:{kept.ToString(CultureInfo.InvariantCulture)}"));
        Assert.Empty(await Search(api, $"segment:{goneSegment.ToString(CultureInfo.InvariantCulture)}"));
    }

    [Fact]
    public async Task A_merge_keeps_what_the_loser_brought_that_is_not_being_deleted()
    {
        await using var api = new ApiFactory(store());
        var stage = (long)(await Create(api, "/api/stages/new", "stage", """{"name":"Live"}"""))["id"]!;
        var winner = await CreateContact(api, """{"email":"win@example.com"}""");
        var loser = await CreateContact(api, $$"""{"email":"lose@example.com","stage":{{stage}}}""");

        var (merged, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}");

        Assert.Equal(HttpStatusCode.OK, merged);
        Assert.Equal(stage.ToString(CultureInfo.InvariantCulture), (await api.Grains.GetContact(winner).Get())!.Stage);
    }
}

public sealed class SqliteMergeDuringDeleteTests() : MergeDuringDeleteTests(TestStore.Sqlite);

public sealed class PostgreSqlMergeDuringDeleteTests() : MergeDuringDeleteTests(TestStore.PostgreSql);
