using Actors.Runtime.Bench;

// Local grain calls per second against a minimal channel-based actor doing the same work, in one run.
// Usage: dotnet run -c Release --project bench/Runtime.Bench [-- --seconds 5]
var seconds = args.Length >= 2 && args[0] == "--seconds" ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
var duration = TimeSpan.FromSeconds(seconds);

await using var grains = await GrainTarget.StartAsync();
var baseline = new ChannelActorTarget();

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine($"Each figure is the best of 3 rounds of {duration.TotalSeconds:0.#} s; rounds alternate baseline and grains.");
Console.WriteLine();

foreach (var scenario in CallScenario.All)
{
    var ours = 0.0;
    var theirs = 0.0;
    for (var round = 0; round < 3; round++)
    {
        theirs = Math.Max(theirs, await scenario.MeasureAsync(baseline, duration));
        ours = Math.Max(ours, await scenario.MeasureAsync(grains, duration));
    }
    Console.WriteLine($"{scenario.Name,-38} grains {ours,12:N0} calls/s   channel actor {theirs,12:N0} calls/s   ratio {ours / theirs:0.00}");
}

const int MeasuredActivations = 100_000;
Console.WriteLine($"{"memory per idle activation",-38} {await grains.BytesPerActivationAsync(MeasuredActivations),8:N0} bytes (average over {MeasuredActivations:N0} activations)");
