using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Actors.Api.Ui.Dashboard;

/// <summary>
/// Reports the embedded silo: every <see cref="UiOptions.DashboardSampleInterval"/> it closes an interval of the
/// meter readings and measures the process's CPU, and a report covers the last <see cref="WindowSamples"/> intervals,
/// so the rates are steady enough to read and still follow load within seconds.
/// </summary>
public sealed class LocalSiloMonitor(
    RuntimeMeterReadings readings, IOptions<UiOptions> options, IConfiguration configuration, TimeProvider clock) : BackgroundService, ISiloReportSource
{
    public const int WindowSamples = 5;

    /// <summary>How long after the dashboard's last request durations and failures are still measured.</summary>
    public static readonly TimeSpan WatchWindow = TimeSpan.FromMinutes(1);
    public const string ActiveStatus = "Active";

    private sealed record Sample(TimeSpan Elapsed, long Calls, long Failures, List<double> Durations, double CpuPercent);

    private readonly Queue<Sample> _window = new();
    private readonly Lock _windowLock = new();
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();
    private readonly string _address = SiloAddressOf(configuration);

    public Task<IReadOnlyList<SiloReport>> ReportsAsync(CancellationToken cancellationToken)
    {
        readings.Watch(clock.GetUtcNow() + WatchWindow);
        Sample[] samples;
        lock (_windowLock)
            samples = [.. _window];
        var seconds = Math.Max(samples.Sum(s => s.Elapsed.TotalSeconds), 1e-9);
        var durations = samples.SelectMany(s => s.Durations).Order().ToArray();
        var process = Process.GetCurrentProcess();
        IReadOnlyList<SiloReport> reports =
        [
            new SiloReport(
                _address, ActiveStatus, _startedAt, clock.GetUtcNow(), readings.Activations, readings.TotalCalls,
                samples.Length == 0 ? 0 : samples.Sum(s => s.Calls) / seconds,
                samples.Length == 0 ? 0 : samples.Sum(s => s.Failures) / seconds,
                Percentile(durations, 0.50), Percentile(durations, 0.99),
                samples.Length == 0 ? 0 : samples[^1].CpuPercent,
                process.WorkingSet64, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes),
        ];
        return Task.FromResult(reports);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DashboardSampleInterval, clock);
        var lastTick = Stopwatch.GetTimestamp();
        var lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
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
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
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

    private static double Percentile(double[] sorted, double quantile)
        => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    // The address the cluster will know this silo by (Cluster:AdvertisedHost and Cluster:SiloPort, BRIEF names).
    private static string SiloAddressOf(IConfiguration configuration)
    {
        var host = configuration["Cluster:AdvertisedHost"] ?? Environment.GetEnvironmentVariable("POD_IP") ?? "127.0.0.1";
        var port = configuration["Cluster:SiloPort"] ?? "11111";
        return $"{host}:{port}";
    }
}
