using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>GET /contacts/{id}/segments answers when the contact joined each segment, and a merge keeps the earlier join.</summary>
public abstract class SegmentMembershipDateTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_membership_answers_when_the_contact_joined_and_a_merge_keeps_the_earlier_join()
    {
        await using var api = new ApiFactory(store());
        var segment = (long)(await Create(api, "/api/segments/new", "list", """{"name":"Joined"}"""))["id"]!;
        var first = await CreateContact(api, """{"email":"first@example.com"}""");
        var second = await CreateContact(api, """{"email":"second@example.com"}""");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var (added, _) = await Send(api, HttpMethod.Post, $"/api/segments/{segment}/contact/{first}/add");
        var joined = (await Get(api, $"/api/contacts/{first}/segments"))["lists"]![$"{segment}"]!;
        await Send(api, HttpMethod.Post, $"/api/segments/{segment}/contact/{second}/add");
        var (merged, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{second}/merge/{first}");
        var kept = (await Get(api, $"/api/contacts/{second}/segments"))["lists"]![$"{segment}"]!;

        Assert.Equal(HttpStatusCode.OK, added);
        Assert.InRange(DateTimeOffset.Parse((string)joined["dateAdded"]!), before, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, merged);
        Assert.Equal((string?)joined["dateAdded"], (string?)kept["dateAdded"]);
    }
}

public sealed class SqliteSegmentMembershipDateTests() : SegmentMembershipDateTests(TestStore.Sqlite);

public sealed class PostgreSqlSegmentMembershipDateTests() : SegmentMembershipDateTests(TestStore.PostgreSql);
