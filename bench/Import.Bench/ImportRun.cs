using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.Bench.Shared;

namespace Actors.Bench.Import;

/// <summary>One import through the API: the upload, then polling the import's status until it has imported every row.</summary>
internal static class ImportRun
{
    static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>The time from the start of the upload to the status "imported"; every row must have been inserted.</summary>
    public static async Task<TimeSpan> ImportAsync(BenchService service, ImportFile file)
    {
        var watch = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent();
        await using var content = File.OpenRead(file.Path);
        form.Add(new StreamContent(content), "file", "bench.csv");
        using var uploaded = await service.Client.PostAsync("/api/contacts/import", form);
        var created = await uploaded.Content.ReadFromJsonAsync<JsonObject>();
        var id = (string?)created?["import"]?["id"] ?? throw new InvalidOperationException($"The upload was refused: {created?.ToJsonString()}");
        while (true)
        {
            var import = (await service.Client.GetFromJsonAsync<JsonObject>($"/api/contacts/import/{id}"))!["import"]!;
            var status = (string?)import["status"];
            if (status == "imported")
            {
                var elapsed = watch.Elapsed;
                if ((long)import["insertedCount"]! != file.Rows)
                    throw new InvalidOperationException($"The import ended with {import["insertedCount"]} of {file.Rows} rows inserted: {import.ToJsonString()}");
                return elapsed;
            }
            if (status is "failed" or "stopped")
                throw new InvalidOperationException($"The import ended {status}: {import.ToJsonString()}");
            await Task.Delay(PollEvery);
        }
    }
}
