using System.Diagnostics;
using Actors.Grains.Storage.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Bench.EventLog;

static class BatchStrategies
{
    const int RowsPerSize = 20_000, MinBatches = 200, MaxBatches = 2_000;

    /// <summary>
    /// Rows/s of committed batches of one size, written one after another: the product's INSERT ... unnest
    /// (through the registered event log) against a binary COPY in a transaction.
    /// </summary>
    public static async Task<(double Unnest, double Copy)> CompareAsync(EventRecord[] rows, int size)
    {
        await using var database = await BenchDatabase.CreateAsync();
        var log = database.Services.GetRequiredService<IEventLog>();
        var batchCount = Math.Clamp(RowsPerSize / size, MinBatches, MaxBatches);
        var batches = rows.Take(Math.Min(rows.Length, batchCount * size)).Chunk(size).ToList();
        var unnest = await MeasureAsync(batches, batch => log.AppendBatchAsync(batch, CancellationToken.None));
        var copy = await MeasureAsync(batches, batch => CopyBaseline.CopyAsync(database.DataSource, batch));
        return (unnest, copy);
    }

    static async Task<double> MeasureAsync(List<EventRecord[]> batches, Func<EventRecord[], Task> write)
    {
        await write(batches[0]);
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches)
            await write(batch);
        return batches.Sum(b => b.Length) / clock.Elapsed.TotalSeconds;
    }
}
