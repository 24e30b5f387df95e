using Actors.Runtime.Persistence.AdoNet;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Storage.Events;

/// <summary>
/// Group commit for the event log. Callers queue records and await them. One loop takes everything waiting (up to
/// <see cref="EventLogOptions.MaxBatchSize"/> records), writes it in one transaction and, only after the commit,
/// completes every caller's task; so an acknowledged event is durable, and a batch grows with the load that arrives
/// while the previous one commits. One batch is in flight at a time, so ids follow arrival order. SQLite admits one
/// writer anyway; on PostgreSQL, bench/EventLog.Bench compared one against two batches in flight on separate
/// connections, in the same runs, and two were never faster (the batches only got smaller).
/// When a batch fails, every caller in it gets the exception: nothing is dropped, and nothing is retried here,
/// because a commit whose outcome is unknown could be written twice. The loop goes on with the next batch.
/// Stopping refuses new records (appending then throws <see cref="InvalidOperationException"/>) and drains the
/// queue before it returns.
/// </summary>
public sealed class EventLogWriter(IEventLog log, IOptions<EventLogOptions> options, ILogger<EventLogWriter> logger) : IHostedService
{
    // Not SingleReader: that variant cannot count what is queued, which stopping reports.
    readonly Channel<PendingAppend> queue = Channel.CreateUnbounded<PendingAppend>();
    readonly int maxBatchSize = options.Value.MaxBatchSize;
    Task loop = Task.CompletedTask;
    long committedBatches;

    /// <summary>Transactions this writer has committed; against the records appended it shows how many share a commit.</summary>
    public long CommittedBatches => Interlocked.Read(ref committedBatches);

    /// <summary>Completes when the record is committed. <paramref name="cancellationToken"/> only stops the wait: a queued record is still written.</summary>
    public Task AppendAsync(EventRecord record, CancellationToken cancellationToken = default) =>
        EnqueueAsync([record], cancellationToken);

    /// <summary>Completes when every record is committed; the records share one transaction.</summary>
    public Task AppendManyAsync(IReadOnlyList<EventRecord> records, CancellationToken cancellationToken = default) =>
        records.Count == 0 ? Task.CompletedTask : EnqueueAsync([.. records], cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (queue.Writer.TryComplete() && queue.Reader.Count > 0)
            EventLogLog.Draining(logger, queue.Reader.Count);
        await loop.WaitAsync(cancellationToken);
    }

    Task EnqueueAsync(IReadOnlyList<EventRecord> records, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var record in records)
            Validate(record);
        var pending = new PendingAppend(records);
        if (!queue.Writer.TryWrite(pending))
            throw new InvalidOperationException("The event log writer is stopped; it accepts no more events.");
        return cancellationToken.CanBeCanceled ? pending.Task.WaitAsync(cancellationToken) : pending.Task;
    }

    static void Validate(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.ThrowIfNotStorable();
    }

    async Task RunAsync()
    {
        var batch = new List<PendingAppend>();
        var records = new List<EventRecord>();
        var settler = new BatchSettler();
        while (await queue.Reader.WaitToReadAsync())
        {
            while (queue.Reader.TryPeek(out var next) && (records.Count == 0 || records.Count + next.Records.Count <= maxBatchSize))
            {
                queue.Reader.TryRead(out _);
                batch.Add(next);
                records.AddRange(next.Records);
            }
            var failure = await CommitAsync(records);
            settler.Settle([.. batch], (pending, _) =>
            {
                if (failure is null)
                    pending.TrySetResult();
                else
                    pending.TrySetException(failure);
            });
            batch.Clear();
            records.Clear();
        }
        // Stopping waits for this loop, so every caller has its answer once StopAsync returns.
        await settler.Settled;
    }

    /// <summary>Commits one batch; never throws, so one failure cannot stop the loop. Returns the failure, if any.</summary>
    async Task<Exception?> CommitAsync(List<EventRecord> records)
    {
        try
        {
            await log.AppendBatchAsync(records, CancellationToken.None);
        }
        catch (Exception exception)
        {
            EventLogLog.BatchFailed(logger, records.Count, exception);
            EventLogInstruments.FailedEvents.Add(records.Count);
            return exception;
        }
        Interlocked.Increment(ref committedBatches);
        EventLogInstruments.Batches.Add(1);
        EventLogInstruments.Events.Add(records.Count);
        return null;
    }

    /// <summary>A caller's records and its task, settled off the loop (see BatchSettler) so no caller can stall the next batch.</summary>
    sealed class PendingAppend(IReadOnlyList<EventRecord> records) : TaskCompletionSource
    {
        public IReadOnlyList<EventRecord> Records { get; } = records;
    }
}
