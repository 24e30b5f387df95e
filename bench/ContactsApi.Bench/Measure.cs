using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.Bench.Shared;

namespace Actors.Bench.ContactsApi;

/// <summary>Latencies of one request kind, one request at a time from one client, after a warm-up that is not counted.</summary>
internal sealed class Measure(List<double> milliseconds)
{
    const int WarmUp = 5;
    static int _batchRun;

    public double Percentile(double fraction)
    {
        var sorted = milliseconds.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Searches each store for random stored contacts by full email, alternating; every answer must find exactly one.</summary>
    public static async Task<(Measure, Measure)> SearchAsync((BenchService Service, int Stored) first, (BenchService Service, int Stored) second, int requests)
    {
        var random = new Random(42);
        var (firstTimes, secondTimes) = (new List<double>(), new List<double>());
        for (var i = 0; i < requests + WarmUp * 10; i++)
        {
            var counted = i >= WarmUp * 10;
            var a = await SearchOnceAsync(first.Service, random.Next(first.Stored));
            var b = await SearchOnceAsync(second.Service, random.Next(second.Stored));
            if (counted)
            {
                firstTimes.Add(a);
                secondTimes.Add(b);
            }
        }
        return (new Measure(firstTimes), new Measure(secondTimes));
    }

    static async Task<double> SearchOnceAsync(BenchService service, int index)
    {
        var email = BenchService.SeedEmail(index);
        var started = Stopwatch.GetTimestamp();
        var body = await service.Client.GetFromJsonAsync<JsonObject>($"/api/contacts?search=email:{Uri.EscapeDataString(email)}");
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if ((string?)body!["total"] != "1")
            throw new InvalidOperationException($"The search for {email} found {body["total"]} contacts.");
        return elapsed;
    }

    /// <summary>200 new contacts per call on each store in turn, each with a fresh email, so every item claims its index entry and creates a contact.</summary>
    public static async Task<(Measure, Measure)> BatchAsync(BenchService first, BenchService second, int batches)
    {
        var (firstTimes, secondTimes) = (new List<double>(), new List<double>());
        for (var i = 0; i < batches + WarmUp; i++)
        {
            var a = await BatchOnceAsync(first);
            var b = await BatchOnceAsync(second);
            if (i >= WarmUp)
            {
                firstTimes.Add(a);
                secondTimes.Add(b);
            }
        }
        return (new Measure(firstTimes), new Measure(secondTimes));
    }

    static async Task<double> BatchOnceAsync(BenchService service)
    {
        var run = Interlocked.Increment(ref _batchRun);
        var items = new JsonArray(Enumerable.Range(0, 200).Select(n => (JsonNode)new JsonObject
        {
            ["email"] = $"batch{run}-{n}@example.com",
            ["firstname"] = "Batch",
            ["lastname"] = $"Item {n}",
            ["city"] = "Lyon",
        }).ToArray());
        var started = Stopwatch.GetTimestamp();
        using var response = await service.Client.PostAsJsonAsync("/api/contacts/batch/new", items);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        if (body!["statusCodes"]!.AsArray().Any(code => (int)code! != 201))
            throw new InvalidOperationException($"A batch item was not created: {body["errors"]?.ToJsonString()}");
        return elapsed;
    }
}
