using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Runtime.Diagnostics;

namespace Actors.Api.Ui.Dashboard;

/// <summary>
/// Listens to the runtime's meter (<see cref="RuntimeInstruments.MeterName"/>) in this process: live activations per
/// grain type, and since the last <see cref="TakeInterval"/> the calls, failures and call durations. Started before
/// the silo, so no activation is missed. The meter is static, so several silos in one process (tests) add up here.
/// Durations and failures are listened to only while someone watches the dashboard (<see cref="Watch"/>): while
/// they are enabled every grain call pays for a timestamp and a histogram record, and nobody needs them otherwise.
/// </summary>
public sealed class RuntimeMeterReadings : IDisposable
{
    /// <summary>Most durations kept per interval for the percentiles; past it a busy second is sampled by its first calls.</summary>
    private const int MaxDurationsPerInterval = 20_000;

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _activations = new(StringComparer.Ordinal);
    private readonly Lock _intervalLock = new();
    private List<double> _durations = [];
    private long _calls, _failures, _totalCalls;
    private readonly Lock _watchLock = new();
    private DateTimeOffset? _watchedUntil;

    public RuntimeMeterReadings()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RuntimeInstruments.MeterName && instrument.Name is "grain.activations" or "grain.calls")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>(OnLong);
        _listener.SetMeasurementEventCallback<double>(OnDouble);
        _listener.Start();
    }

    public long TotalCalls => Interlocked.Read(ref _totalCalls);

    /// <summary>Someone looks at the dashboard: measure call durations and failures until <paramref name="until"/>.</summary>
    public void Watch(DateTimeOffset until)
    {
        lock (_watchLock)
        {
            if (_watchedUntil is null)
            {
                _listener.EnableMeasurementEvents(RuntimeInstruments.CallDuration);
                _listener.EnableMeasurementEvents(RuntimeInstruments.CallFailures);
            }
            _watchedUntil = until;
        }
    }

    /// <summary>Stops measuring durations and failures once the last watch has run out.</summary>
    public void ForgetWatchersBefore(DateTimeOffset now)
    {
        lock (_watchLock)
        {
            if (_watchedUntil is null || _watchedUntil >= now)
                return;
            _watchedUntil = null;
            _listener.DisableMeasurementEvents(RuntimeInstruments.CallDuration);
            _listener.DisableMeasurementEvents(RuntimeInstruments.CallFailures);
        }
    }

    public IReadOnlyDictionary<string, long> Activations => _activations.Where(a => a.Value > 0).ToDictionary(a => a.Key, a => a.Value);

    /// <summary>The calls, failures and durations recorded since the previous call, and a fresh interval.</summary>
    public (long Calls, long Failures, List<double> Durations) TakeInterval()
    {
        lock (_intervalLock)
        {
            var durations = _durations;
            _durations = [];
            return (Interlocked.Exchange(ref _calls, 0), Interlocked.Exchange(ref _failures, 0), durations);
        }
    }

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case "grain.activations":
                _activations.AddOrUpdate(GrainType(tags), value, (_, current) => current + value);
                break;
            case "grain.calls":
                Interlocked.Add(ref _calls, value);
                Interlocked.Add(ref _totalCalls, value);
                break;
            case "grain.call.failures":
                Interlocked.Add(ref _failures, value);
                break;
        }
    }

    private void OnDouble(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        lock (_intervalLock)
        {
            if (_durations.Count < MaxDurationsPerInterval)
                _durations.Add(value);
        }
    }

    private static string GrainType(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "grain.type")
                return tag.Value?.ToString() ?? "unknown";
        }
        return "unknown";
    }

    public void Dispose() => _listener.Dispose();
}
