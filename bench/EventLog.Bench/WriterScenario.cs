using System.Diagnostics;
using Actors.Grains.Storage.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Bench.EventLog;

sealed record WriterResult(double PerSecond, double EventsPerCommit);

static class WriterScenario
{
    /// <summary>
    /// Each writer appends one event and awaits its commit before the next, as a contact grain does per hit; the
    /// clock stops when the last acknowledgement arrives, so every counted event is durable.
    /// </summary>
    public static async Task<WriterResult> RunAsync(EventRecord[] rows, int writers)
    {
        await using var database = await BenchDatabase.CreateAsync();
        var writer = database.Services.GetRequiredService<EventLogWriter>();
        await writer.StartAsync(CancellationToken.None);
        await Task.WhenAll(rows.Take(2_000).Select(row => writer.AppendAsync(row)));
        await database.TruncateAsync();
        var batchesBefore = writer.CommittedBatches;
        var next = -1;

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < rows.Length; i = Interlocked.Increment(ref next))
                await writer.AppendAsync(rows[i]);
        })));
        clock.Stop();

        var batches = writer.CommittedBatches - batchesBefore;
        await writer.StopAsync(CancellationToken.None);
        return new WriterResult(rows.Length / clock.Elapsed.TotalSeconds, rows.Length / (double)batches);
    }
}
