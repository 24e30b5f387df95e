using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Imports;

/// <summary>
/// An import whose batch takes long: its status and its stop answer while the batch runs, and a call that a grain does
/// not answer within the response timeout is a 503 the client can retry, never a server error.
/// </summary>
public abstract class ImportLongBatchTests(Func<TestStore> store)
{
    // Calls that waited behind the batch would end at this timeout; the answers must come well within it.
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);
    private const int Rows = 20_000;

    [Fact]
    public async Task The_status_answers_at_once_with_the_last_checkpoint_while_a_long_batch_runs()
    {
        await using var api = new ApiFactory(store(), LongBatch());
        var client = api.ApiClient();
        var id = await StartLongBatch(client);

        var clock = Stopwatch.StartNew();
        var status = await Status(client, id);
        clock.Stop();
        var applied = (await ListContacts(client)).Count;

        Assert.True(clock.Elapsed < ResponseTimeout / 2, $"The status took {clock.Elapsed}.");
        Assert.Equal("in progress", (string)status["status"]!);
        // The batch has rows applied, but none is counted before its checkpoint.
        Assert.True(applied > 0);
        Assert.Equal(0, (int)status["insertedCount"]!);
        Assert.Equal(0, (double)status["progressPercent"]!);
        await client.PostAsync($"/api/contacts/import/{id}/stop", null);
    }

    [Fact]
    public async Task A_stop_during_a_long_batch_ends_it_at_once_with_the_rows_applied_counted()
    {
        await using var api = new ApiFactory(store(), LongBatch());
        var client = api.ApiClient();
        var id = await StartLongBatch(client);

        var clock = Stopwatch.StartNew();
        using var stop = await client.PostAsync($"/api/contacts/import/{id}/stop", null);
        clock.Stop();
        var stopped = JsonNode.Parse(await stop.Content.ReadAsStringAsync())!["import"]!;
        var applied = (await ListContacts(client)).Count;
        await Task.Delay(500);
        var later = await Status(client, id);

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.True(clock.Elapsed < ResponseTimeout / 2, $"The stop took {clock.Elapsed}.");
        Assert.Equal("stopped", (string)stopped["status"]!);
        Assert.InRange((int)stopped["insertedCount"]!, 1, Rows - 1);
        Assert.Equal(applied, (int)stopped["insertedCount"]!);
        Assert.Equal(stopped.ToJsonString(), later.ToJsonString());
        Assert.Equal(applied, (await ListContacts(client)).Count);
    }

    [Fact]
    public async Task A_call_whose_grain_does_not_answer_in_time_is_a_503_to_retry()
    {
        var held = new ImportFileStoreGate(readsLetThrough: 0);
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Messaging:ResponseTimeout"] = "00:00:02" }, held.Install);
        var client = api.ApiClient();
        var (uploaded, created) = await Upload(client, People(10));
        Assert.True(uploaded == HttpStatusCode.Created, created.ToJsonString());
        var id = (string)created["import"]!["id"]!;
        await held.Reached.WaitAsync(TimeSpan.FromMinutes(1));

        using var answer = await client.GetAsync($"/api/contacts/import/{id}");
        held.Release();
        var body = await answer.Content.ReadAsStringAsync();

        Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"{answer.StatusCode}: {body}");
        Assert.Equal("5", answer.Headers.RetryAfter?.ToString());
        var error = JsonNode.Parse(body)!["errors"]![0]!;
        Assert.Equal(503, (int)error["code"]!);
        Assert.Contains("did not answer in time", (string)error["message"]!);
        var import = await WaitUntilEnded(client, id);
        Assert.True((string)import["status"]! == "imported", import.ToJsonString());
    }

    /// <summary>One batch of the whole file, a row at a time: it takes far longer than the response timeout.</summary>
    private static Dictionary<string, string?> LongBatch() => new()
    {
        ["Import:BatchSize"] = $"{Rows}",
        ["Import:ConcurrentRows"] = "1",
        ["Messaging:ResponseTimeout"] = ResponseTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Uploads the file and answers the import's id once its batch has applied rows, most of them still ahead.</summary>
    private static async Task<string> StartLongBatch(HttpClient client)
    {
        var (uploaded, created) = await Upload(client, People(Rows));
        Assert.Equal(HttpStatusCode.Created, uploaded);
        for (var deadline = DateTime.UtcNow.AddMinutes(1); (await ListContacts(client)).Count == 0; await Task.Delay(20))
            Assert.True(DateTime.UtcNow < deadline, "The batch applied no row in time.");
        return (string)created["import"]!["id"]!;
    }
}

public sealed class SqliteImportLongBatchTests() : ImportLongBatchTests(TestStore.Sqlite);

public sealed class PostgreSqlImportLongBatchTests() : ImportLongBatchTests(TestStore.PostgreSql);
