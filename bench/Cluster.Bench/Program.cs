using System.Diagnostics;
using Actors.Cluster.Bench;
using Actors.Runtime;
using Actors.Runtime.Hosting;
using Actors.Runtime.TestingHost;
using Microsoft.Extensions.DependencyInjection;

// A grain call that crosses silos (HTTP/2 on loopback) against the same call served by the calling silo.
// Two silos in one process; calls are made from silo 0's grain factory to grains that silo 0 owns (local) or that
// silo 1 owns (remote). Usage: dotnet run -c Release --project bench/Cluster.Bench [-- --seconds 5]
var seconds = args.Length >= 2 && args[0] == "--seconds" ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
var duration = TimeSpan.FromSeconds(seconds);

await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
{
    InitialSilosCount = 2,
    ConfigureSilo = silo => silo.Services.AddGrains(typeof(EchoGrain).Assembly),
});
var caller = cluster.RunningSilos[0];
var factory = caller.Services.GetRequiredService<IGrainFactory>();
string[] KeysOwnedBy(SiloHandle silo, int count) => [.. Enumerable.Range(0, 100_000).Select(i => $"echo-{i}")
    .Where(k => cluster.OwnerOf(new GrainId("echo", k)) == silo).Take(count)];
var local = KeysOwnedBy(caller, 64);
var remote = KeysOwnedBy(cluster.RunningSilos[1], 64);

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine($"Each figure is the best of 3 rounds of {duration.TotalSeconds:0.#} s; rounds alternate local and remote.");
Console.WriteLine();
foreach (var concurrency in new[] { 1, 64 })
{
    var best = new Dictionary<string, (double rate, double p50, double p99)>();
    for (var round = 0; round < 3; round++)
    {
        foreach (var (name, keys) in new[] { ("local", local), ("cross-silo", remote) })
        {
            var result = await MeasureAsync(factory, keys, concurrency, duration);
            if (!best.TryGetValue(name, out var current) || result.rate > current.rate)
                best[name] = result;
        }
    }
    foreach (var (name, (rate, p50, p99)) in best)
        Console.WriteLine($"{name,-11} concurrency {concurrency,3}: {rate,10:N0} calls/s   p50 {p50 * 1000,8:N1} µs   p99 {p99 * 1000,8:N1} µs");
}

static async Task<(double rate, double p50, double p99)> MeasureAsync(IGrainFactory factory, string[] keys, int concurrency, TimeSpan duration)
{
    var payload = new Payload("a contact-sized string of a few dozen characters", 42);
    var stop = Stopwatch.StartNew();
    var latencies = new List<double>[concurrency];
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        var mine = latencies[worker] = [];
        var grain = factory.GetGrain<IEchoGrain>(keys[worker % keys.Length]);
        while (stop.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            await grain.Echo(payload);
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }));
    var all = latencies.SelectMany(l => l).Order().ToArray();
    return (all.Length / stop.Elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
}
