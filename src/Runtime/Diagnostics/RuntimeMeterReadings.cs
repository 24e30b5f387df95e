using System.Diagnostics.Metrics;

namespace Actors.Runtime.Diagnostics;

/// <summary>
/// Listens to the runtime's meter (<see cref="RuntimeInstruments.MeterName"/>) for one silo's measurements (those
/// whose <see cref="RuntimeInstruments.SiloTag"/> is its <see cref="SiloLabel"/>): since the last
/// <see cref="TakeInterval"/> the calls, failures and call durations. Durations and failures are listened to only
/// while someone watches the dashboard (<see cref="Watch"/>): while they are enabled every grain call pays for a
/// timestamp and a histogram record, and nobody needs them otherwise.
/// </summary>
internal sealed class RuntimeMeterReadings : IDisposable
{
    /// <summary>Most durations kept per interval for the percentiles; past it a busy second is sampled by its first calls.</summary>
    private const int MaxDurationsPerInterval = 20_000;
    private const string CallsName = "grain.calls";

    private readonly string _silo;
    private readonly MeterListener _listener = new();
    private readonly Lock _intervalLock = new();
    private List<double> _durations = [];
    private long _calls, _failures, _totalCalls;
    private readonly Lock _watchLock = new();
    private DateTimeOffset? _watchedUntil;

    public RuntimeMeterReadings(SiloLabel silo)
    {
        _silo = silo.Address;
        // By name, not by RuntimeInstruments.Calls: when this listener is the first use of the runtime's meter, the
        // instrument is published from inside its own static initializer, before that field is assigned.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RuntimeInstruments.MeterName && instrument.Name == CallsName)
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
            if (_watchedUntil is null || until > _watchedUntil)
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
        if (!IsOwn(tags))
            return;
        if (instrument.Name == CallsName)
        {
            Interlocked.Add(ref _calls, value);
            Interlocked.Add(ref _totalCalls, value);
        }
        else
        {
            // The only other counter this listener enables: grain.call.failures, while watched.
            Interlocked.Add(ref _failures, value);
        }
    }

    private void OnDouble(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!IsOwn(tags))
            return;
        lock (_intervalLock)
        {
            if (_durations.Count < MaxDurationsPerInterval)
                _durations.Add(value);
        }
    }

    private bool IsOwn(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == RuntimeInstruments.SiloTag)
                return tag.Value as string == _silo;
        }
        return false;
    }

    public void Dispose() => _listener.Dispose();
}
