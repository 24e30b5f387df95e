using System.Diagnostics.Metrics;
using Actors.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Storage.Events;

/// <summary>The event log's instruments, on the product's one meter, so a dashboard shows batch sizes next to grain calls.</summary>
internal static class EventLogInstruments
{
    public static readonly Counter<long> Events =
        RuntimeInstruments.Meter.CreateCounter<long>("events.appended", "{event}", "Events committed to the event log.");

    public static readonly Counter<long> Batches =
        RuntimeInstruments.Meter.CreateCounter<long>("events.batches", "{batch}", "Event log transactions committed.");

    public static readonly Counter<long> FailedEvents =
        RuntimeInstruments.Meter.CreateCounter<long>("events.failed", "{event}", "Events whose batch failed; their callers got the exception.");
}

internal static partial class EventLogLog
{
    [LoggerMessage(1, LogLevel.Error, "An event log batch of {Count} events failed; its callers get the exception")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Event log writer stopping with {Count} appends queued; draining them")]
    public static partial void Draining(ILogger logger, int count);
}
