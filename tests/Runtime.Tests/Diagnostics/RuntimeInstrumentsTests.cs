using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Tests.Infrastructure;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Diagnostics;

public class RuntimeInstrumentsTests
{
    [Fact]
    public async Task Calls_activations_durations_failures_and_storage_latency_are_measured()
    {
        var key = "metered-" + Guid.NewGuid();
        var seen = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RuntimeInstruments.MeterName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        await using var silo = await TestSilo.StartAsync();
        await silo.Grain<IPersistentCounterGrain>(key).Add(1, "metered");
        await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grain<IThrowingGrain>(key).ThrowSynchronously("x"));

        Assert.True(seen.GetValueOrDefault("grain.calls/persistentcounter") >= 1);
        Assert.True(seen.GetValueOrDefault("grain.activations/persistentcounter") >= 1);
        Assert.True(seen.ContainsKey("grain.call.duration/persistentcounter"));
        Assert.True(seen.GetValueOrDefault("grain.call.failures/throwing") >= 1);
        Assert.True(seen.ContainsKey("grain.storage.duration/write"));

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key is "grain.type" or "operation")
                    seen.AddOrUpdate($"{instrument.Name}/{tag.Value}", value, (_, old) => old + value);
            }
        }
    }
}
