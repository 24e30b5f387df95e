using System.Diagnostics;
using Actors.Runtime.Catalog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Diagnostics;

/// <summary>
/// One silo's measurements of itself (Orleans's SiloRuntimeStatistics and grain counters): every
/// <see cref="DashboardOptions.SampleInterval"/> it closes an interval of the meter readings and measures the
/// process's CPU, and <see cref="Figures"/> covers the last <see cref="WindowSamples"/> intervals, so the rates are
/// steady enough to read and still follow load within seconds. Activations are counted in the catalog when asked.
/// </summary>
internal sealed class SiloMonitor(
    RuntimeMeterReadings readings, GrainCatalog catalog, IOptions<DashboardOptions> options, TimeProvider clock) : BackgroundService
{
    public const int WindowSamples = 5;

    private sealed record Sample(TimeSpan Elapsed, long Calls, long Failures, List<double> Durations, double CpuPercent);

    private readonly Queue<Sample> _window = new();
    private readonly Lock _windowLock = new();

    public DateTimeOffset StartedAt { get; } = clock.GetUtcNow();

    /// <summary>The figures of the last few seconds; asking for them keeps durations and failures measured for the watch window.</summary>
    public SiloFigures Figures()
    {
        readings.Watch(clock.GetUtcNow() + options.Value.WatchWindow);
        Sample[] samples;
        lock (_windowLock)
            samples = [.. _window];
        var seconds = Math.Max(samples.Sum(s => s.Elapsed.TotalSeconds), 1e-9);
        var durations = samples.SelectMany(s => s.Durations).Order().ToArray();
        using var process = Process.GetCurrentProcess();
        return new SiloFigures(
            clock.GetUtcNow(), catalog.CountByType(), readings.TotalCalls,
            samples.Length == 0 ? 0 : samples.Sum(s => s.Calls) / seconds,
            samples.Length == 0 ? 0 : samples.Sum(s => s.Failures) / seconds,
            Percentile(durations, 0.50), Percentile(durations, 0.99),
            samples.Length == 0 ? 0 : samples[^1].CpuPercent,
            process.WorkingSet64, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval, clock);
        var lastTick = Stopwatch.GetTimestamp();
        var lastCpu = ProcessorTime();
        readings.TakeInterval();
        try
        {
            await SampleAsync(timer, lastTick, lastCpu, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping, or being disposed after a failed start: sampling simply ends.
        }
    }

    private async Task SampleAsync(PeriodicTimer timer, long lastTick, TimeSpan lastCpu, CancellationToken stoppingToken)
    {
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = Stopwatch.GetTimestamp();
            var cpu = ProcessorTime();
            var elapsed = Stopwatch.GetElapsedTime(lastTick, now);
            var cpuPercent = (cpu - lastCpu).TotalMilliseconds / (elapsed.TotalMilliseconds * Environment.ProcessorCount) * 100;
            (lastTick, lastCpu) = (now, cpu);
            var (calls, failures, durations) = readings.TakeInterval();
            readings.ForgetWatchersBefore(clock.GetUtcNow());
            lock (_windowLock)
            {
                _window.Enqueue(new Sample(elapsed, calls, failures, durations, Math.Clamp(cpuPercent, 0, 100)));
                while (_window.Count > WindowSamples)
                    _window.Dequeue();
            }
        }
    }

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double Percentile(double[] sorted, double quantile)
        => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
