namespace Actors.Runtime.Diagnostics;

/// <summary>
/// One silo as the dashboard shows it: its address and status (from membership in a cluster), when it started, and
/// its figures, or null when it is dead or did not answer (Orleans's dashboard pairs SiloDetails from membership with
/// SiloRuntimeStatistics from the silo the same way).
/// </summary>
public sealed record SiloReport(string Address, string Status, DateTimeOffset StartedAt, SiloFigures? Figures);

/// <summary>
/// What a silo measures of itself over its last few seconds; sent over the silo port to whoever gathers the
/// cluster's reports. CPU and memory are its process's, so silos sharing one process (a test cluster) show the same.
/// </summary>
public sealed record SiloFigures(
    DateTimeOffset ReportedAt,
    IReadOnlyDictionary<string, long> ActivationsByType,
    long TotalCalls,
    double CallsPerSecond,
    double ErrorsPerSecond,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double CpuPercent,
    long MemoryBytes,
    long TotalMemoryBytes);

/// <summary>
/// Where the dashboard gets the reports of every silo: the embedded silo's own in a single process, every member of
/// the membership view in a cluster (gathered over the silo port). Asking counts as watching the dashboard: the silos
/// then measure call durations and failures for <see cref="DashboardOptions.WatchWindow"/>.
/// </summary>
public interface ISiloReportSource
{
    Task<IReadOnlyList<SiloReport>> ReportsAsync(CancellationToken cancellationToken);
}
