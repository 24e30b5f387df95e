using System.Diagnostics;

namespace Actors.Runtime.Bench;

/// <summary>A call pattern: how many callers, over how many actors, each awaiting one call at a time.</summary>
internal sealed record CallScenario(string Name, int Callers, int Actors)
{
    public const int MaxActors = 1000;

    public static readonly CallScenario[] All =
    [
        new("1 caller, 1 grain", 1, 1),
        new("64 concurrent callers, 1,000 grains", 64, 1000),
    ];

    /// <summary>Calls per second over <paramref name="duration"/>, after a short warm-up.</summary>
    public async Task<double> MeasureAsync(ICallTarget target, TimeSpan duration)
    {
        await RunAsync(target, TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();
        var calls = await RunAsync(target, duration);
        return calls / stopwatch.Elapsed.TotalSeconds;
    }

    private async Task<long> RunAsync(ICallTarget target, TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            long calls = 0;
            var actor = caller % Actors;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                for (var i = 0; i < 64; i++)
                {
                    await target.Call(actor);
                    actor = (actor + Callers) % Actors;
                }
                calls += 64;
            }
            return calls;
        })));
        return counts.Sum();
    }
}
