using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Runtime.Tests.Infrastructure;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>POST /api/contacts/{winner}/merge/{loser} when merges meet: an answer that says what happened, never a 500 or a wait.</summary>
public abstract class ContactMergeTests(Func<TestStore> store)
{
    [Fact]
    public async Task Opposing_merges_at_once_answer_at_once_and_leave_both_ids_reading_one_contact()
    {
        await using var api = new ApiFactory(store());
        var first = await Create(api, """{"email":"first@example.com","tags":"one"}""");
        var second = await Create(api, """{"email":"second@example.com","tags":"two"}""");
        var started = System.Diagnostics.Stopwatch.StartNew();

        var answers = await Task.WhenAll(
            Task.Run(() => Send(api, HttpMethod.Post, $"/api/contacts/{first}/merge/{second}", "")),
            Task.Run(() => Send(api, HttpMethod.Post, $"/api/contacts/{second}/merge/{first}", "")));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"The merges took {started.Elapsed}.");
        Assert.All(answers, answer => Assert.Contains(answer.Response.StatusCode,
            new[] { HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable }));
        await Eventually.WaitUntilAsync(async () =>
        {
            var (one, oneBody) = await Send(api, HttpMethod.Get, $"/api/contacts/{first}", "");
            var (two, twoBody) = await Send(api, HttpMethod.Get, $"/api/contacts/{second}", "");
            return one.StatusCode == HttpStatusCode.OK && two.StatusCode == HttpStatusCode.OK
                && (long)oneBody["contact"]!["id"]! == (long)twoBody["contact"]!["id"]!;
        }, TimeSpan.FromSeconds(5));
        var (_, merged) = await Send(api, HttpMethod.Get, $"/api/contacts/{first}", "");
        Assert.Equal(["one", "two"], merged["contact"]!["tags"]!.AsArray().Select(tag => (string)tag!["tag"]!).Order());
    }

    [Fact]
    public async Task A_contact_taken_by_another_merge_meanwhile_is_a_409_not_a_404()
    {
        await using var api = new ApiFactory(store());
        var answers = new List<HttpStatusCode>();
        for (var round = 0; round < 10; round++)
        {
            var first = await Create(api, $$"""{"email":"first{{round}}@example.com"}""");
            var shared = await Create(api, $$"""{"email":"shared{{round}}@example.com"}""");
            var third = await Create(api, $$"""{"email":"third{{round}}@example.com"}""");

            // Both take the same loser: the one that comes second finds it live, then merged away while it waited.
            var both = await Task.WhenAll(
                Task.Run(() => Send(api, HttpMethod.Post, $"/api/contacts/{first}/merge/{shared}", "")),
                Task.Run(() => Send(api, HttpMethod.Post, $"/api/contacts/{third}/merge/{shared}", "")));
            answers.AddRange(both.Select(answer => answer.Response.StatusCode));
        }

        Assert.DoesNotContain(HttpStatusCode.NotFound, answers);
        Assert.Contains(HttpStatusCode.OK, answers);
    }
}

public sealed class SqliteContactMergeTests() : ContactMergeTests(TestStore.Sqlite);

public sealed class PostgreSqlContactMergeTests() : ContactMergeTests(TestStore.PostgreSql);
