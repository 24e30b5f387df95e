using System.Net;
using System.Text.Json.Nodes;
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

    [Fact]
    public async Task A_recorded_merge_whose_loser_another_merge_took_first_ends_with_nothing_merged_as_its_503_says()
    {
        var (winnerWrite, loserIntentHeld, winnerBlocked) = (new GrainWriteGate(), new GrainWriteGate(), new GrainWriteGate());
        await using var api = new ApiFactory(store(), services: services =>
        {
            winnerWrite.Install(services);
            loserIntentHeld.Install(services);
            winnerBlocked.Install(services);
        });
        var winner = await Create(api, """{"email":"w1@example.com","tags":"w1"}""");
        var loser = await Create(api, """{"email":"l@example.com","tags":"l"}""");
        var absorbed = await Create(api, """{"email":"x@example.com","tags":"x"}""");
        var other = await Create(api, """{"email":"w2@example.com","tags":"w2"}""");
        Assert.True(winner < loser);

        var ((recorded, recordedBody), intoLoser) = await MergeWhileLoserAbsorbsAsync(api, (winner, winnerWrite), loser, (absorbed, loserIntentHeld));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, recorded.StatusCode);
        Assert.Contains("unless another merge takes the loser first", recordedBody.ToJsonString(), StringComparison.Ordinal);

        // W1 is kept in a turn, so its retry cannot reach L before W2 takes it.
        winnerBlocked.Hold("contact", $"{winner}");
        var edit = Send(api, HttpMethod.Patch, $"/api/contacts/{winner}/edit", """{"firstname":"Held"}""");
        await winnerBlocked.Reached.WaitAsync(WaitAtMost);
        loserIntentHeld.Release();
        Assert.Equal(HttpStatusCode.OK, (await intoLoser).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(api, HttpMethod.Post, $"/api/contacts/{other}/merge/{loser}", "")).Response.StatusCode);
        winnerBlocked.Release();
        Assert.Equal(HttpStatusCode.OK, (await edit).Response.StatusCode);

        // W1's intent named L, not what L became: it ends with nothing merged into W1, and L reads as W2.
        Assert.Equal(other, (long)(await Send(api, HttpMethod.Get, $"/api/contacts/{loser}", "")).Body["contact"]!["id"]!);
        Assert.Equal(["w1"], Tags((await Send(api, HttpMethod.Get, $"/api/contacts/{winner}", "")).Body));
        // A repeat resolves the loser's id again, so it shows the result by merging the loser's winner into W1.
        var (repeated, repeatedBody) = await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}", "");
        Assert.Equal((HttpStatusCode.OK, winner), (repeated.StatusCode, (long)repeatedBody["contact"]!["id"]!));
        Assert.Equal(["l", "w1", "w2", "x"], Tags(repeatedBody));

        static IEnumerable<string> Tags(JsonNode body) => body["contact"]!["tags"]!.AsArray().Select(tag => (string)tag!["tag"]!).Order();
    }

    /// <summary>
    /// Sends W &lt;- L (W below L), and stops it in storing its intent while L starts absorbing X and stops in X's surrender
    /// (held by the second gate, which stays held). W then finds L absorbing and, its id being lower, keeps its intent and
    /// answers 503: the answer, and L &lt;- X still waiting.
    /// </summary>
    internal static async Task<((HttpResponseMessage Response, JsonNode Body) Recorded, Task<(HttpResponseMessage Response, JsonNode Body)> IntoLoser)>
        MergeWhileLoserAbsorbsAsync(ApiFactory api, (long Id, GrainWriteGate Write) winner, long loser, (long Id, GrainWriteGate Surrender) absorbed)
    {
        winner.Write.Hold("contact", $"{winner.Id}");
        var intoWinner = Send(api, HttpMethod.Post, $"/api/contacts/{winner.Id}/merge/{loser}", "");
        await winner.Write.Reached.WaitAsync(WaitAtMost);
        absorbed.Surrender.Hold("contact", $"{absorbed.Id}");
        var intoLoser = Send(api, HttpMethod.Post, $"/api/contacts/{loser}/merge/{absorbed.Id}", "");
        await absorbed.Surrender.Reached.WaitAsync(WaitAtMost);
        winner.Write.Release();
        return (await intoWinner, intoLoser);
    }

    private static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(30);
}

public sealed class SqliteContactMergeTests() : ContactMergeTests(TestStore.Sqlite);

public sealed class PostgreSqlContactMergeTests() : ContactMergeTests(TestStore.PostgreSql);
