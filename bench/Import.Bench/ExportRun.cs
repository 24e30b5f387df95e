using System.Diagnostics;
using Actors.Bench.Shared;

namespace Actors.Bench.Import;

/// <summary>
/// GET /api/contacts/export?format=csv read to the end as it streams, with the process's peak resident memory during it
/// (Linux: the peak is reset through /proc/self/clear_refs before the request and read from VmHWM after it).
/// </summary>
internal static class ExportRun
{
    public sealed record Result(TimeSpan Elapsed, long Lines, long Bytes, long PeakGrowthBytes);

    public static async Task<Result> ExportAsync(BenchService service)
    {
        var before = ResetPeak();
        var watch = Stopwatch.StartNew();
        using var response = await service.Client.GetAsync("/api/contacts/export?format=csv", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long lines = 0, bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        var elapsed = watch.Elapsed;
        return new Result(elapsed, lines - 1, bytes, Status("VmHWM") - before);
    }

    /// <summary>Resets the peak resident set to the current one and answers the current one, in bytes.</summary>
    static long ResetPeak()
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        return Status("VmRSS");
    }

    static long Status(string name) =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
