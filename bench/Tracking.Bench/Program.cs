using System.Diagnostics;
using Actors.Api.Hosting;
using Actors.Api.Tracking;
using Actors.Bench.Tracking;
using Actors.Grains.Storage.Events;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;

// Pixel hits per second through the whole service (tracking edge, device and contact grains, storage)
// against a bare Kestrel endpoint serving the same GIF, both in this process, both driven by wrk.
// Usage: dotnet run -c Release --project bench/Tracking.Bench [-- --seconds 10 --warmup 10 --connections 64 --rounds 2 --postgres "<connection string>"]
var options = BenchOptions.Parse(args);
var dataDirectory = Directory.CreateTempSubdirectory("actors-bench-").FullName;

var service = WebApplication.CreateBuilder();
service.Logging.ClearProviders();
service.WebHost.UseUrls("http://127.0.0.1:5301");
service.Configuration.AddInMemoryCollection(options.StorageSettings(dataDirectory));
service.AddContactApi();
await using var serviceApp = service.Build();
serviceApp.MapContactApi();
await serviceApp.StartAsync();
var eventLog = serviceApp.Services.GetRequiredService<EventLogWriter>();
// Contact and device rows, and the timeline entries of a change, commit through the store's group-commit writer.
var groupCommits = serviceApp.Services.GetRequiredKeyedService<GroupCommitWriter>(options.PostgresConnectionString is null ? SqlDialect.Sqlite : SqlDialect.PostgreSql);
long Commits() => eventLog.CommittedBatches + groupCommits.CommittedTransactions;

var bare = WebApplication.CreateBuilder();
bare.Logging.ClearProviders();
bare.WebHost.UseUrls("http://127.0.0.1:5302");
await using var bareApp = bare.Build();
bareApp.MapGet("/mtracking.gif", (HttpContext context) => TrackingPixel.WriteAsync(context.Response));
await bareApp.StartAsync();

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; storage: {options.StorageName}");
Console.WriteLine($"wrk: {options.Threads} threads, {options.Connections} connections, {options.Seconds} s per run after {options.WarmupSeconds} s of warm-up; best of {options.Rounds} rounds");
Console.WriteLine("CPU per request is this process's CPU time (both cores, wrk excluded) over the requests answered in the run.");
foreach (var scenario in WrkScenario.All)
{
    // Unmeasured: the JIT reaches its optimised code, and the returning scenario's devices all exist before it is timed.
    await Wrk.RunAsync("http://127.0.0.1:5301", scenario, options with { Seconds = options.WarmupSeconds });
    Measured theirs = default, ours = default;
    for (var round = 0; round < options.Rounds; round++)
    {
        var bareRun = await MeasureAsync("http://127.0.0.1:5302", scenario);
        theirs = bareRun.RequestsPerSecond > theirs.RequestsPerSecond ? bareRun : theirs;
        var commitsBefore = Commits();
        var run = await MeasureAsync("http://127.0.0.1:5301", scenario);
        if (run.RequestsPerSecond > ours.RequestsPerSecond)
            ours = run with { Commits = Commits() - commitsBefore };
        if (run.Errors > 0)
            Console.WriteLine($"  (service answered {run.Errors} non-2xx or socket errors in one round)");
    }
    Console.WriteLine($"{scenario.Name,-36} service {ours.RequestsPerSecond,8:N0} hits/s ({ours.CpuMicroseconds,5:N0} µs CPU, " +
        $"{ours.Requests / Math.Max(1.0, ours.Commits),5:N1} hits per commit)   bare GIF {theirs.RequestsPerSecond,8:N0} req/s " +
        $"({theirs.CpuMicroseconds,4:N0} µs CPU)   ratio {ours.RequestsPerSecond / theirs.RequestsPerSecond:0.00}");
}

await serviceApp.StopAsync();
Directory.Delete(dataDirectory, recursive: true);

async Task<Measured> MeasureAsync(string baseUrl, WrkScenario scenario)
{
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var run = await Wrk.RunAsync(baseUrl, scenario, options);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    var requests = run.RequestsPerSecond * options.Seconds;
    return new Measured(run.RequestsPerSecond, requests, cpu.TotalMicroseconds / Math.Max(1.0, requests), run.Errors, 0);
}

internal readonly record struct Measured(double RequestsPerSecond, double Requests, double CpuMicroseconds, long Errors, long Commits);
