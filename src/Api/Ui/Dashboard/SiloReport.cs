namespace Actors.Api.Ui.Dashboard;

/// <summary>
/// One silo's figures as the dashboard shows them, over the silo's last few seconds. Silos of a cluster send this
/// record to whoever serves the dashboard; the embedded silo produces it in process (<see cref="LocalSiloMonitor"/>).
/// </summary>
public sealed record SiloReport(
    string Address,
    string Status,
    DateTimeOffset StartedAt,
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

/// <summary>Where the dashboard gets the cluster's silo reports: today the embedded silo alone; a cluster registers its own source.</summary>
public interface ISiloReportSource
{
    Task<IReadOnlyList<SiloReport>> ReportsAsync(CancellationToken cancellationToken);
}
