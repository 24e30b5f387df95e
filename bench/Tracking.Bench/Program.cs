using Actors.Api.Hosting;
using Actors.Api.Tracking;
using Actors.Bench.Tracking;

// Pixel hits per second through the whole service (tracking edge, device and contact grains, storage)
// against a bare Kestrel endpoint serving the same GIF, both in this process, both driven by wrk.
// Usage: dotnet run -c Release --project bench/Tracking.Bench [-- --seconds 10 --connections 64 --postgres "<connection string>"]
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

var bare = WebApplication.CreateBuilder();
bare.Logging.ClearProviders();
bare.WebHost.UseUrls("http://127.0.0.1:5302");
await using var bareApp = bare.Build();
bareApp.MapGet("/mtracking.gif", (HttpContext context) => TrackingPixel.WriteAsync(context.Response));
await bareApp.StartAsync();

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; storage: {options.StorageName}");
Console.WriteLine($"wrk: {options.Threads} threads, {options.Connections} connections, {options.Seconds} s per run; best of {options.Rounds} rounds");
foreach (var scenario in WrkScenario.All)
{
    var theirs = 0.0;
    var ours = 0.0;
    for (var round = 0; round < options.Rounds; round++)
    {
        theirs = Math.Max(theirs, (await Wrk.RunAsync("http://127.0.0.1:5302", scenario, options)).RequestsPerSecond);
        var run = await Wrk.RunAsync("http://127.0.0.1:5301", scenario, options);
        ours = Math.Max(ours, run.RequestsPerSecond);
        if (run.Errors > 0)
            Console.WriteLine($"  (service answered {run.Errors} non-2xx or socket errors in one round)");
    }
    Console.WriteLine($"{scenario.Name,-44} service {ours,10:N0} hits/s   bare GIF {theirs,10:N0} req/s   ratio {ours / theirs:0.00}");
}

await serviceApp.StopAsync();
Directory.Delete(dataDirectory, recursive: true);
