using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Actors.Bench.Tracking;

/// <summary>
/// Device ids the service issued, as a returning visitor's browser holds them. The service does not adopt an id it
/// never issued (a made-up one is answered with a new device, as for a new visitor), so the returning load needs
/// real ids: each is one first hit, made before anything is measured.
/// </summary>
internal static class ReturningDevices
{
    private const int InFlight = 16;

    /// <summary>Makes <paramref name="count"/> devices through /mtc/event; answers a file holding their ids, one a line.</summary>
    public static async Task<string> IssueAsync(string baseUrl, int count)
    {
        // Without cookies, so that each call is a new browser and not the device the previous answer named.
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(WrkScenario.Browser);
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, cancellationToken) =>
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["page_url"] = "https://shop.example/" });
            using var response = await client.PostAsync("/mtc/event", form, cancellationToken);
            response.EnsureSuccessStatusCode();
            var reply = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            ids[i] = (string?)reply?["device_id"] ?? throw new InvalidOperationException("/mtc/event answered no device id.");
        });
        var file = Path.GetTempFileName();
        await File.WriteAllLinesAsync(file, ids);
        return file;
    }
}
