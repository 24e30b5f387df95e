using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Actors.Runtime.Diagnostics;

/// <summary>
/// The runtime's one meter. Instrument names follow the Orleans catalog in spirit
/// (grain.activations, grain.calls, ...) so a dashboard or an OpenTelemetry exporter finds them by name.
/// </summary>
public static class RuntimeInstruments
{
    public const string MeterName = "Actors.Runtime";

    public static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>The tag naming the silo (<see cref="SiloLabel"/>) on call measurements, for listeners of one silo among several in a process.</summary>
    public const string SiloTag = "silo";

    /// <summary>Live activations, tagged by grain type.</summary>
    public static readonly UpDownCounter<long> Activations =
        Meter.CreateUpDownCounter<long>("grain.activations", "{activation}", "Live grain activations by grain type.");

    /// <summary>Activations deactivated because the silo's memory use passed its limit, tagged by grain type.</summary>
    public static readonly Counter<long> ActivationsShed =
        Meter.CreateCounter<long>("grain.activations.shed", "{activation}", "Activations deactivated under memory pressure.");

    /// <summary>Grain calls started, made or received by a silo, tagged by grain type and silo.</summary>
    public static readonly Counter<long> Calls =
        Meter.CreateCounter<long>("grain.calls", "{call}", "Grain calls, by grain type and silo.");

    /// <summary>Grain call duration from the caller's side, in milliseconds, tagged by grain type and silo.</summary>
    public static readonly Histogram<double> CallDuration =
        Meter.CreateHistogram<double>("grain.call.duration", "ms", "Grain call duration seen by the caller.");

    /// <summary>Grain calls that ended with an exception (including timeouts), tagged by grain type, silo and exception type.</summary>
    public static readonly Counter<long> CallFailures =
        Meter.CreateCounter<long>("grain.call.failures", "{call}", "Grain calls that failed.");

    /// <summary>Storage operation latency in milliseconds, tagged by provider and operation (read, write, clear).</summary>
    public static readonly Histogram<double> StorageOperationDuration =
        Meter.CreateHistogram<double>("grain.storage.duration", "ms", "Grain storage operation latency.");

    public static void RecordStorageOperation(string provider, string operation, long startTimestamp)
    {
        if (!StorageOperationDuration.Enabled)
            return;
        StorageOperationDuration.Record(
            Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds,
            new KeyValuePair<string, object?>("provider", provider),
            new KeyValuePair<string, object?>("operation", operation));
    }
}
