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

        // Before, the two waited on each other until the 30 s response timeout; the bound leaves room for a loaded machine.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(25), $"The merges took {started.Elapsed}.");
        Assert.All(answers, answer => Assert.Contains(answer.Response.StatusCode,
            new[] { HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable }));
        await Eventually.WaitUntilAsync(async () =>
        {
            var (one, oneBody) = await Send(api, HttpMethod.Get, $"/api/contacts/{first}", "");
            var (two, twoBody) = await Send(api, HttpMethod.Get, $"/api/contacts/{second}", "");
            return one.StatusCode == HttpStatusCode.OK && two.StatusCode == HttpStatusCode.OK
                && (long)oneBody["contact"]!["id"]! == (long)twoBody["contact"]!["id"]!;
        }, TimeSpan.FromSeconds(20));
        var (_, merged) = await Send(api, HttpMethod.Get, $"/api/contacts/{first}", "");
        Assert.Equal(["one", "two"], merged["contact"]!["tags"]!.AsArray().Select(tag => (string)tag!["tag"]!).Order());
    }

    [Fact]
    public async Task A_merge_of_two_ids_that_already_lead_to_one_contact_answers_that_contact_and_one_id_twice_is_a_400()
    {
        await using var api = new ApiFactory(store());
        var winner = await Create(api, """{"email":"w@example.com"}""");
        var loser = await Create(api, """{"email":"l@example.com"}""");
        var (merged, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}", "");

        var (again, againBody) = await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}", "");
        var (reversed, reversedBody) = await Send(api, HttpMethod.Post, $"/api/contacts/{loser}/merge/{winner}", "");
        var (itself, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{winner}", "");

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal((HttpStatusCode.OK, winner), (again.StatusCode, (long)againBody["contact"]!["id"]!));
        Assert.Equal((HttpStatusCode.OK, winner), (reversed.StatusCode, (long)reversedBody["contact"]!["id"]!));
        Assert.Equal(HttpStatusCode.BadRequest, itself.StatusCode);
    }

    [Fact]
    public async Task A_contact_taken_by_another_merge_meanwhile_is_a_409_not_a_404()
    {
        await using var api = new ApiFactory(store());
        // Several merges seek the same contacts, some in opposite directions: a request that resolved a contact while
        // it was live finds it merged away once its surrender ends, and that contact was busy, never missing.
        var pairs = new[] { (0, 1), (1, 0), (1, 2), (2, 1), (3, 1), (2, 3), (0, 3) };
        var answers = new List<HttpStatusCode>();
        for (var round = 0; round < 10; round++)
        {
            var ids = new List<long>();
            for (var i = 0; i < 4; i++)
                ids.Add(await Create(api, $$"""{"email":"c{{round}}-{{i}}@example.com"}"""));
            var sent = await Task.WhenAll(pairs.Select(pair =>
                Task.Run(() => Send(api, HttpMethod.Post, $"/api/contacts/{ids[pair.Item1]}/merge/{ids[pair.Item2]}", ""))));
            answers.AddRange(sent.Select(answer => answer.Response.StatusCode));
            // A merge left to finish on its own says when a repeat would see it.
            Assert.All(sent.Where(answer => answer.Response.StatusCode == HttpStatusCode.ServiceUnavailable),
                answer => Assert.Equal(TimeSpan.FromSeconds(1), answer.Response.Headers.RetryAfter?.Delta));
        }

        Assert.DoesNotContain(HttpStatusCode.NotFound, answers);
        // The merges did meet: some were told to try again (409) or that theirs finishes on its own (503).
        Assert.Contains(answers, answer => answer is HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable);
    }
}

public sealed class SqliteContactMergeTests() : ContactMergeTests(TestStore.Sqlite);

public sealed class PostgreSqlContactMergeTests() : ContactMergeTests(TestStore.PostgreSql);
