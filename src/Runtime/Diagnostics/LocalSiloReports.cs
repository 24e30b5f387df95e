using Actors.Runtime.Membership;

namespace Actors.Runtime.Diagnostics;

/// <summary>The reports of a process that is the whole cluster: the embedded silo, Active while it answers.</summary>
internal sealed class LocalSiloReports(SiloMonitor monitor, SiloLabel silo) : ISiloReportSource
{
    public Task<IReadOnlyList<SiloReport>> ReportsAsync(CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<SiloReport>>([new SiloReport(silo.Address, nameof(SiloStatus.Active), monitor.StartedAt, monitor.Figures())]);
}
