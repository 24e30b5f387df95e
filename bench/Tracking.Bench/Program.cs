using System.Diagnostics;
using Actors.Api.Tracking;
using Actors.Bench.Shared;
using Actors.Bench.Tracking;
using Actors.Grains.Storage.Events;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;

// Pixel hits per second through the whole service (tracking edge, device and contact grains, storage)
// against a bare Kestrel endpoint serving the same GIF, both in this process, both driven by wrk.
// Usage: dotnet run -c Release --project bench/Tracking.Bench [-- --seconds 10 --warmup 10 --connections 64 --rounds 2
//        --postgres "<connection string>" --no-reference]
var options = BenchOptions.Parse(args);

var bare = WebApplication.CreateBuilder();
bare.Logging.ClearProviders();
bare.WebHost.UseUrls("http://127.0.0.1:5302");
await using var bareApp = bare.Build();
bareApp.MapGet("/mtracking.gif", (HttpContext context) => TrackingPixel.WriteAsync(context.Response));
await bareApp.StartAsync();

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; storage: {options.StorageName}");
Console.WriteLine($"wrk: {options.Threads} threads, {options.Connections} connections, {options.Seconds} s per run after {options.WarmupSeconds} s of warm-up; best of {options.Rounds} rounds");
Console.WriteLine("CPU per request is this process's CPU time (both cores, wrk excluded) over the requests answered in the run.");
await using (var service = await BenchService.StartAsync(options.PostgresConnectionString, 5301))
{
    var dialect = options.PostgresConnectionString is null ? SqlDialect.Sqlite : SqlDialect.PostgreSql;
    await CompareVisitorsAsync(service, dialect);
    // The same edge with nothing to store: what the pipeline up to the tracker costs on its own.
    await CompareAsync(service, dialect, WrkScenario.Untracked);
}

if (options.Reference)
{
    // Where the ratio goes: the same grains with every write kept in memory, so nothing waits for a disk or a database.
    Console.WriteLine("Reference, not a configuration to deploy: the same service on the Memory provider (nothing durable)");
    await using var memoryService = await BenchService.StartAsync(postgres: null, 5303, new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" });
    await CompareVisitorsAsync(memoryService, dialect: null);
}

async Task CompareVisitorsAsync(BenchService service, SqlDialect? dialect)
{
    await CompareAsync(service, dialect, WrkScenario.NewVisitor);
    // Part of the warm-up, unmeasured: the returning visitors' first hits, which issue their device ids.
    var devices = await ReturningDevices.IssueAsync(service.Url, WrkScenario.ReturningVisitors);
    try
    {
        await CompareAsync(service, dialect, WrkScenario.Returning(devices));
    }
    finally
    {
        File.Delete(devices);
    }
}

async Task CompareAsync(BenchService service, SqlDialect? dialect, WrkScenario scenario)
{
    // Unmeasured: the JIT reaches its optimised code.
    await Wrk.RunAsync(service.Url, scenario, options with { Seconds = options.WarmupSeconds });
    Measured theirs = default, ours = default;
    for (var round = 0; round < options.Rounds; round++)
    {
        var bareRun = await MeasureAsync("http://127.0.0.1:5302", scenario);
        theirs = bareRun.RequestsPerSecond > theirs.RequestsPerSecond ? bareRun : theirs;
        var commitsBefore = Commits(service, dialect);
        var run = await MeasureAsync(service.Url, scenario);
        if (run.RequestsPerSecond > ours.RequestsPerSecond)
            ours = run with { Commits = Commits(service, dialect) - commitsBefore };
        if (run.Errors > 0)
            Console.WriteLine($"  (service answered {run.Errors} non-2xx or socket errors in one round)");
    }
    var perCommit = ours.Commits == 0 ? "  no commits" : $"{ours.Requests / ours.Commits,5:N1} hits per commit";
    Console.WriteLine($"{scenario.Name,-36} service {ours.RequestsPerSecond,8:N0} hits/s ({ours.CpuMicroseconds,5:N0} µs CPU, {perCommit})   " +
        $"bare GIF {theirs.RequestsPerSecond,8:N0} req/s ({theirs.CpuMicroseconds,4:N0} µs CPU)   ratio {ours.RequestsPerSecond / theirs.RequestsPerSecond:0.00}");
}

// Transactions committed so far: the event log's and the group-commit writer's of the service's database (contact and
// device rows, with a change's timeline entries). The Memory provider has no database, so no group-commit writer.
static long Commits(BenchService service, SqlDialect? dialect)
{
    var groupCommits = dialect is { } database ? service.Services.GetRequiredKeyedService<GroupCommitWriter>(database).CommittedTransactions : 0;
    return service.Services.GetRequiredService<EventLogWriter>().CommittedBatches + groupCommits;
}

async Task<Measured> MeasureAsync(string baseUrl, WrkScenario scenario)
{
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var run = await Wrk.RunAsync(baseUrl, scenario, options);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    var requests = run.RequestsPerSecond * options.Seconds;
    return new Measured(run.RequestsPerSecond, requests, cpu.TotalMicroseconds / Math.Max(1.0, requests), run.Errors, 0);
}

internal readonly record struct Measured(double RequestsPerSecond, double Requests, double CpuMicroseconds, long Errors, long Commits);
