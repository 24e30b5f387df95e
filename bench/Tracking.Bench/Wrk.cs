using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Actors.Bench.Tracking;

/// <summary>A wrk load: a name and the Lua script that shapes its requests.</summary>
internal sealed record WrkScenario(string Name, string LuaScript)
{
    public const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

    /// <summary>How many returning visitors the returning load spreads its hits over.</summary>
    public const int ReturningVisitors = 10_000;

    // Every request is a new visitor: a new device and a new anonymous contact each time (the worst case).
    public static readonly WrkScenario NewVisitor = new("new visitor on every hit", $$"""
        wrk.headers["User-Agent"] = "{{Browser}}"
        request = function()
          return wrk.format("GET", "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2Fpricing&page_title=Pricing")
        end
        """);

    /// <summary>
    /// Returning visitors, each carrying the device id the service issued it (see <see cref="ReturningDevices"/>), as
    /// mtc.js does after its first delivery; <paramref name="devicesFile"/> holds the ids, one a line.
    /// </summary>
    public static WrkScenario Returning(string devicesFile) => new($"returning visitors ({ReturningVisitors:N0} devices)", $$"""
        wrk.headers["User-Agent"] = "{{Browser}}"
        local devices = {}
        for line in io.lines("{{devicesFile}}") do devices[#devices + 1] = line end
        local counter = 0
        request = function()
          counter = counter + 1
          local device = devices[(counter * 7919) % #devices + 1]
          return wrk.format("GET", "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2Fpricing&mautic_device_id=" .. device)
        end
        """);

    /// <summary>A crawler's request: answered with the GIF and not tracked, so it measures the edge with nothing to store.</summary>
    public static readonly WrkScenario Untracked = new("untracked (a crawler's user agent)", """
        wrk.headers["User-Agent"] = "curl/8.11.1"
        request = function()
          return wrk.format("GET", "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2Fpricing&page_title=Pricing")
        end
        """);
}

internal sealed record WrkResult(double RequestsPerSecond, long Errors);

internal static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(string baseUrl, WrkScenario scenario, BenchOptions options)
    {
        var script = Path.GetTempFileName() + ".lua";
        await File.WriteAllTextAsync(script, scenario.LuaScript);
        try
        {
            var start = new ProcessStartInfo("wrk", $"-t{options.Threads} -c{options.Connections} -d{options.Seconds}s -s {script} {baseUrl}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start; install it with apt-get install wrk.");
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var rate = RequestsPerSecond().Match(output);
            if (!rate.Success)
                throw new InvalidOperationException($"wrk printed no rate:\n{output}{await process.StandardError.ReadToEndAsync()}");
            var errors = NonSuccess().Match(output) is { Success: true } bad ? long.Parse(bad.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var socket = SocketErrors().Match(output) is { Success: true } s
                ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
                : 0;
            return new WrkResult(double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), errors + socket);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
