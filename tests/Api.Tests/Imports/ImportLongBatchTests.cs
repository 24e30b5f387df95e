using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Imports;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Imports;

/// <summary>
/// An import whose batch takes long (far longer than the response timeout): its status, its stop and its resume answer
/// while the batch runs, where waiting behind it would have met the timeout.
/// </summary>
public abstract class ImportLongBatchTests(Func<TestStore> store)
{
    // Calls that waited behind the batch would end at this timeout.
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);
    private const int Rows = 20_000;

    [Fact]
    public async Task The_status_answers_at_once_with_the_last_checkpoint_while_a_long_batch_runs()
    {
        await using var api = new ApiFactory(store(), LongBatch());
        var client = api.ApiClient();
        var id = await StartLongBatch(client);

        var status = await Status(client, id);
        var applied = (await ListContacts(client)).Count;

        // Answered while the batch still runs (waiting behind it would have met the response timeout, a 503).
        Assert.Equal("in progress", (string)status["status"]!);
        Assert.InRange(applied, 1, Rows - 1);
        // The batch has rows applied, but none is counted before its checkpoint.
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

        using var stop = await client.PostAsync($"/api/contacts/import/{id}/stop", null);
        var stopped = JsonNode.Parse(await stop.Content.ReadAsStringAsync())!["import"]!;
        var applied = (await ListContacts(client)).Count;
        await Task.Delay(500);
        var later = await Status(client, id);

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal("stopped", (string)stopped["status"]!);
        Assert.InRange((int)stopped["insertedCount"]!, 1, Rows - 1);
        Assert.Equal(applied, (int)stopped["insertedCount"]!);
        Assert.Equal(stopped.ToJsonString(), later.ToJsonString());
        Assert.Equal(applied, (await ListContacts(client)).Count);
    }

    [Fact]
    public async Task A_resume_answers_at_once_that_the_import_runs_while_a_long_batch_runs()
    {
        await using var api = new ApiFactory(store(), LongBatch());
        var client = api.ApiClient();
        var id = await StartLongBatch(client);

        // The start-up resume service calls this; waiting behind the batch would have met the response timeout.
        var running = await api.Grains.GetGrain<IImportJobGrain>(id).Resume();

        Assert.True(running);
        Assert.Equal("in progress", (string)(await Status(client, id))["status"]!);
        await client.PostAsync($"/api/contacts/import/{id}/stop", null);
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
        // A bound on waiting, not a speed check: on PostgreSQL each of these tests takes about 15 s on two idle cores, and
        // the first row alone took over a minute on cores shared with other builds.
        for (var deadline = DateTime.UtcNow.AddMinutes(5); (await ListContacts(client)).Count == 0; await Task.Delay(20))
            Assert.True(DateTime.UtcNow < deadline, "The batch applied no row in time.");
        return (string)created["import"]!["id"]!;
    }
}

public sealed class SqliteImportLongBatchTests() : ImportLongBatchTests(TestStore.Sqlite);

public sealed class PostgreSqlImportLongBatchTests() : ImportLongBatchTests(TestStore.PostgreSql);
