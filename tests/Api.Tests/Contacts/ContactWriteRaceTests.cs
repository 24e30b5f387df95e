using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>Writes that race a delete or a merge of their contact: the answer and what is stored agree with some order of the two.</summary>
public abstract class ContactWriteRaceTests(Func<TestStore> store)
{
    [Fact]
    public async Task Creates_racing_a_delete_of_their_email_owner_leave_the_delete_done_and_one_contact_with_the_email()
    {
        await using var api = new ApiFactory(store());
        for (var round = 0; round < 8; round++)
        {
            var email = $"race{round}@example.com";
            var id = await Create(api, $$"""{"email":"{{email}}"}""");

            var delete = Task.Run(() => Send(api, HttpMethod.Delete, $"/api/contacts/{id}/delete", ""));
            var creates = Enumerable.Range(0, 4).Select(i => Task.Run(() =>
                Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"{{email}}","city":"c{{i}}"}"""))).ToArray();
            var (deleted, _) = await delete;
            var answers = await Task.WhenAll(creates);
            var (after, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"{{email}}"}""");

            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            Assert.All(answers.Append((after, null!)), answer => Assert.True(answer.Response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created,
                $"{(int)answer.Response.StatusCode} {answer.Body?.ToJsonString()}"));
            var (read, _) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}", "");
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
            var (_, found) = await Send(api, HttpMethod.Get, $"/api/contacts?search=email:{email}", "");
            Assert.Equal("1", (string)found["total"]!);
        }
    }

    [Fact]
    public async Task An_edit_of_a_contact_being_merged_away_reaches_the_winner_and_never_answers_404()
    {
        await using var api = new ApiFactory(store());
        for (var round = 0; round < 10; round++)
        {
            var winner = await Create(api, $$"""{"email":"winner{{round}}@example.com"}""");
            var loser = await Create(api, $$"""{"email":"loser{{round}}@example.com"}""");

            var merge = Task.Run(() => Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}", ""));
            var edits = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
            {
                await Task.Delay(i % 6);
                return await Send(api, HttpMethod.Patch, $"/api/contacts/{loser}/edit", $$"""{"city":"c{{i}}"}""");
            })).ToArray();
            var (merged, _) = await merge;
            var answers = await Task.WhenAll(edits);

            Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
            Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Response.StatusCode));
            var (_, read) = await Send(api, HttpMethod.Get, $"/api/contacts/{loser}", "");
            Assert.Equal(winner, (long)read["contact"]!["id"]!);
        }
    }
}

public sealed class SqliteContactWriteRaceTests() : ContactWriteRaceTests(TestStore.Sqlite);

public sealed class PostgreSqlContactWriteRaceTests() : ContactWriteRaceTests(TestStore.PostgreSql);
