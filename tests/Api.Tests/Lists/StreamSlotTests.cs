using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Lists;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Lists;

/// <summary>
/// Streamed answers (long list pages, the export) run in at most Api:MaxConcurrentStreams slots per process. With one
/// slot held by a client that does not read, another streamed answer is refused with the documented 503, while short
/// pages and tracking go on; once the held answer ends, the next stream gets the slot. The held answer is some 1.6 MB
/// and the test server's response pipe takes 64 KB before a flush waits for the client, so once the client has the
/// answer's headers (its first flush) the answer holds its slot, and its query, until the client reads on or leaves.
/// </summary>
public abstract class StreamSlotTests(Func<TestStore> store)
{
    /// <summary>More rows than two streamed batches, so the held answer's query is still open when its writer waits.</summary>
    private const int Rows = 2 * StreamedList.BatchSize + 50;

    [Fact]
    public async Task With_the_only_slot_held_a_long_list_and_the_export_get_503_while_pages_and_tracking_work_and_the_next_stream_succeeds()
    {
        // Waits a little, then refuses: the wait is taken, not timed.
        await using var api = await StartAsync(queueTimeout: "00:00:00.200");
        var client = api.ApiClient();

        using var held = await client.GetAsync("/api/contacts?limit=0", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);

        foreach (var path in new[] { "/api/companies?limit=0", "/api/notes?limit=501", "/api/contacts?limit=1000&search=ann", "/api/contacts/export" })
        {
            var refused = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(StreamSlots.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
            var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]![0]!;
            Assert.Equal(503, (int)error["code"]!);
            Assert.Equal(StreamSlots.BusyMessage, (string)error["message"]!);
        }
        // A page read whole takes no slot, up to the longest one.
        var page = await client.GetAsync($"/api/contacts?limit={StreamedList.BufferedLimit}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(Rows, JsonNode.Parse(await page.Content.ReadAsStringAsync())!["contacts"]!.AsObject().Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/companies?limit=10")).StatusCode);
        // A bad request is still told what is wrong, not that the service is busy.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/contacts?limit=0&orderByDir=up")).StatusCode);
        var hit = await api.Visitor().GetAsync("/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F&email=ann0%40example.com");
        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        Assert.Equal("image/gif", hit.Content.Headers.ContentType?.MediaType);

        // Read to its end, the held answer gives its slot back before its last bytes go out.
        var all = JsonNode.Parse(await held.Content.ReadAsStringAsync())!;
        Assert.Equal(Rows.ToString(), (string)all["total"]!);
        var next = await client.GetAsync("/api/contacts?limit=0");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        // The hit's new visitor among them: it was stored while the stream held its slot.
        Assert.Equal(Rows + 1, JsonNode.Parse(await next.Content.ReadAsStringAsync())!["contacts"]!.AsObject().Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/contacts/export")).StatusCode);
    }

    [Fact]
    public async Task A_stream_waiting_for_the_slot_gets_it_when_the_client_holding_it_leaves()
    {
        // The longest wait: it only bounds a test that would otherwise hang.
        await using var api = await StartAsync(queueTimeout: "00:01:00");
        var client = api.ApiClient();
        var held = await client.GetAsync("/api/contacts?limit=0", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);

        var waiting = client.GetAsync("/api/companies?limit=0");
        held.Dispose();

        var answer = await waiting;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(Rows, (long)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["total"]!);
    }

    /// <summary>A service with one stream slot and <see cref="Rows"/> contacts and companies.</summary>
    private async Task<ApiFactory> StartAsync(string queueTimeout)
    {
        var api = new ApiFactory(store(), new Dictionary<string, string?>
        {
            ["Api:MaxConcurrentStreams"] = "1",
            ["Api:StreamQueueTimeout"] = queueTimeout,
        });
        var client = api.ApiClient();
        for (var first = 0; first < Rows; first += 200)
        {
            var count = Math.Min(200, Rows - first);
            var contacts = "[" + string.Join(",", Enumerable.Range(first, count).Select(i => $$"""{"firstname":"Ann{{i}}","email":"ann{{i}}@example.com"}""")) + "]";
            var companies = "[" + string.Join(",", Enumerable.Range(first, count).Select(i => $$"""{"companyname":"Company {{i}}"}""")) + "]";
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/contacts/batch/new", new StringContent(contacts, Encoding.UTF8, "application/json"))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/companies/batch/new", new StringContent(companies, Encoding.UTF8, "application/json"))).StatusCode);
        }
        return api;
    }
}

public sealed class SqliteStreamSlotTests() : StreamSlotTests(TestStore.Sqlite);

public sealed class PostgreSqlStreamSlotTests() : StreamSlotTests(TestStore.PostgreSql);

