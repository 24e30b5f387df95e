using System.Net;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>Segment deletes racing contact adds, through the real pipeline on a real store.</summary>
public abstract class SegmentDeleteRaceTests(Func<TestStore> store)
{
    private const int Batch = 200;

    [Fact]
    public async Task Contacts_added_while_their_segment_is_deleted_are_not_left_in_it()
    {
        await using var api = new ApiFactory(store());
        var segment = (long)(await Create(api, "/api/segments/new", "list", """{"name":"Going"}"""))["id"]!;
        // The contacts to add get lower ids than the members, and the members fill more than one of the sweep's pages:
        // the sweep reads members in id order, a page at a time, so an add that lands after the first page was read
        // and while the others are swept is never read again unless the add itself notices the delete.
        var adding = await CreateContactsAsync(api, "adding", 20);
        var members = await CreateContactsAsync(api, "member", 5 * Batch);
        foreach (var chunk in members.Chunk(Batch))
            await Send(api, HttpMethod.Post, $"/api/segments/{segment}/contacts/add", JsonSerializer.Serialize(new { ids = chunk }));

        var delete = Send(api, HttpMethod.Delete, $"/api/segments/{segment}/delete");
        var answers = await Task.WhenAll(adding.Select(async contact =>
        {
            var statuses = new List<HttpStatusCode>();
            while (!delete.IsCompleted)
                statuses.Add((await Send(api, HttpMethod.Post, $"/api/segments/{segment}/contact/{contact}/add")).Status);
            return statuses;
        }));

        Assert.Equal(HttpStatusCode.OK, (await delete).Status);
        Assert.All(answers.SelectMany(a => a), status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound }));
        foreach (var contact in adding.Concat(members))
            Assert.DoesNotContain(segment, (await api.Grains.GetContact(contact).Get())!.Segments);
    }

    private static async Task<long[]> CreateContactsAsync(ApiFactory api, string prefix, int count)
    {
        var ids = new List<long>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(Batch))
        {
            var (_, body) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new", JsonSerializer.Serialize(chunk.Select(i => new { email = $"{prefix}{i}@example.com" })));
            ids.AddRange(body["contacts"]!.AsArray().Select(c => (long)c!["id"]!));
        }
        return [.. ids];
    }
}

public sealed class SqliteSegmentDeleteRaceTests() : SegmentDeleteRaceTests(TestStore.Sqlite);

public sealed class PostgreSqlSegmentDeleteRaceTests() : SegmentDeleteRaceTests(TestStore.PostgreSql);
