using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Grains.Contacts;
using Actors.Grains.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Contacts.ContactWriteTests;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// A UTM row's id is its own for life, as Mautic's auto-increment lead_utmtags.id is: unique across contacts, and the
/// same after a removal of another row, a restart or a merge; rows an older build stored without one are given one.
/// </summary>
public abstract class UtmIdTests(Func<TestStore> store)
{
    [Fact]
    public async Task Removing_the_first_row_and_then_the_second_removes_those_two_and_keeps_the_third()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"rows@example.com"}""");
        var ids = await AddRows(api, id, "a", "b", "c");

        var (first, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/{ids[0]}/remove", "");
        var (second, after) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/{ids[1]}/remove", "");
        var (again, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/{ids[0]}/remove", "");

        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal([(ids[2], "c")], Rows(after["contact"]!));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Rows_keep_their_ids_after_a_restart_and_no_two_contacts_share_one()
    {
        var shared = store();
        long ann, visitor;
        long[] annIds;
        long trackedId;
        await using (var before = new ApiFactory(shared.Borrowed()))
        {
            ann = await Create(before, """{"email":"ann@example.com"}""");
            annIds = await AddRows(before, ann, "a1", "a2");
            visitor = (long)(await Event(before.Visitor(), new() { ["page_url"] = "https://shop.test/?utm_source=tracked" }))["id"]!;
            trackedId = Rows(await Contact(before, visitor)).Single().Id;
        }
        await using var after = new ApiFactory(shared);

        var kept = Rows(await Contact(after, ann));
        var tracked = Rows(await Contact(after, visitor));
        var (removed, left) = await Send(after, HttpMethod.Post, $"/api/contacts/{ann}/utm/{annIds[0]}/remove", "");
        var later = await AddRows(after, ann, "a3");

        Assert.Equal([(annIds[0], "a1"), (annIds[1], "a2")], kept);
        Assert.Equal([(trackedId, "tracked")], tracked);
        Assert.DoesNotContain(trackedId, annIds);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal([(annIds[1], "a2")], Rows(left["contact"]!));
        Assert.DoesNotContain(later[0], annIds.Append(trackedId));
    }

    [Fact]
    public async Task After_a_merge_the_losers_rows_are_found_on_the_winner_by_their_old_ids()
    {
        await using var api = new ApiFactory(store());
        var winner = await Create(api, """{"email":"winner@example.com"}""");
        var loser = await Create(api, """{"email":"loser@example.com"}""");
        var winnerIds = await AddRows(api, winner, "w");
        var loserIds = await AddRows(api, loser, "l1", "l2");

        var (merged, body) = await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}", "");
        var (byWinner, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/utm/{loserIds[0]}/remove", "");
        var (byLoser, after) = await Send(api, HttpMethod.Post, $"/api/contacts/{loser}/utm/{loserIds[1]}/remove", "");

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal([(winnerIds[0], "w"), (loserIds[0], "l1"), (loserIds[1], "l2")], Rows(body["contact"]!));
        Assert.Equal(HttpStatusCode.OK, byWinner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byLoser.StatusCode);
        Assert.Equal([(winnerIds[0], "w")], Rows(after["contact"]!));
    }

    [Fact]
    public async Task Rows_an_older_build_stored_without_ids_are_given_ids_that_stay_once_written()
    {
        var shared = store();
        long id;
        await using (var before = new ApiFactory(shared.Borrowed()))
        {
            id = await Create(before, """{"email":"older@example.com"}""");
            await AddRows(before, id, "a", "b", "c");
        }
        long[] ids;
        await using (var older = new ApiFactory(shared.Borrowed()))
        {
            await StoreWithoutUtmIds(older, id);
            var listed = Rows((await Send(older, HttpMethod.Get, $"/api/contacts?search=ids:{id}", "")).Body["contacts"]![$"{id}"]!);
            var shown = Rows(await Contact(older, id));
            ids = [.. shown.Select(row => row.Id)];
            var (removed, _) = await Send(older, HttpMethod.Post, $"/api/contacts/{id}/utm/{ids[0]}/remove", "");

            Assert.Equal(["a", "b", "c"], shown.Select(row => row.Source));
            Assert.Equal(3, ids.Distinct().Count());
            Assert.All(ids, given => Assert.True(given >= UtmIdSource.OlderRowIdBase));
            Assert.Equal(shown, listed);
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }
        await using var restarted = new ApiFactory(shared);

        var kept = Rows(await Contact(restarted, id));
        var later = await AddRows(restarted, id, "d");

        Assert.Equal([(ids[1], "b"), (ids[2], "c")], kept);
        Assert.DoesNotContain(later[0], ids);
    }

    /// <summary>Adds a row per source, each its own request, and answers their ids in that order.</summary>
    private static async Task<long[]> AddRows(ApiFactory api, long contactId, params string[] sources)
    {
        var ids = new List<long>();
        foreach (var source in sources)
        {
            var (response, body) = await Send(api, HttpMethod.Post, $"/api/contacts/{contactId}/utm/add", $$"""{"utm_source":"{{source}}"}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.Add(Rows(body["contact"]!).Single(row => row.Source == source).Id);
        }
        return [.. ids];
    }

    private static (long Id, string Source)[] Rows(JsonNode contact)
        => [.. contact["utmtags"]!.AsArray().Select(row => ((long)row!["id"]!, (string)row["utmSource"]!))];

    /// <summary>Rewrites the contact's stored payload as a build before UTM ids stored it: its rows without an id.</summary>
    private static async Task StoreWithoutUtmIds(ApiFactory api, long contactId)
    {
        SqlStore sql = api.Store.Settings["Storage:Provider"] == "Sqlite"
            ? api.Services.GetRequiredService<SqliteStore>()
            : api.Services.GetRequiredService<PostgreSqlStore>();
        await sql.WriteAsync(async connection =>
        {
            await using var read = connection.CreateCommand();
            read.CommandText = $"SELECT payload FROM contacts WHERE id = {contactId}";
            var payload = JsonNode.Parse((byte[])(await read.ExecuteScalarAsync())!)!;
            foreach (var row in payload["utm"]!.AsArray())
                Assert.True(row!.AsObject().Remove("id"));
            await using var write = connection.CreateCommand();
            write.CommandText = $"UPDATE contacts SET payload = @payload WHERE id = {contactId}";
            var parameter = write.CreateParameter();
            parameter.ParameterName = "payload";
            parameter.Value = System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString());
            write.Parameters.Add(parameter);
            return await write.ExecuteNonQueryAsync();
        }, CancellationToken.None);
    }
}

public sealed class SqliteUtmIdTests() : UtmIdTests(TestStore.Sqlite);

public sealed class PostgreSqlUtmIdTests() : UtmIdTests(TestStore.PostgreSql);
