using Actors.Runtime.Diagnostics;
using Actors.Runtime.Membership;
using Actors.Runtime.MembershipService;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Messaging;

/// <summary>
/// The reports of every silo in this process's membership view, as Orleans's DashboardGrain gathers SiloDetails and
/// each silo's statistics: status and start time come from the view, figures from each silo over its silo port (this
/// silo's own in process), all asked at once. A Dead silo is shown without asking; a silo that refuses or does not
/// answer within <see cref="DashboardOptions.ReportTimeout"/> is shown with its membership status and no figures, and
/// makes this process re-read the table, as an unreachable silo does for a call.
/// </summary>
internal sealed class ClusterSiloReports(
    IClusterMembershipService membership,
    SiloConnections connections,
    IOptions<DashboardOptions> options,
    MessagingLog log,
    LocalSilo? localSilo = null,
    SiloMonitor? localMonitor = null) : ISiloReportSource
{
    public async Task<IReadOnlyList<SiloReport>> ReportsAsync(CancellationToken cancellationToken)
    {
        var members = membership.CurrentView.Members
            .OrderBy(m => m.Status == SiloStatus.Dead)
            .ThenBy(m => m.Silo.ToString(), StringComparer.Ordinal)
            .ToList();
        var figures = await Task.WhenAll(members.Select(m => FiguresOfAsync(m, cancellationToken)));
        if (members.Where((m, i) => m.Status != SiloStatus.Dead && figures[i] is null).Any())
            _ = RefreshViewAsync();
        return [.. members.Select((m, i) => new SiloReport(m.Silo.ToString(), m.Status.ToString(), m.StartTime, figures[i]))];
    }

    private async Task<SiloFigures?> FiguresOfAsync(ClusterMember member, CancellationToken cancellationToken)
    {
        if (member.Status == SiloStatus.Dead)
            return null;
        if (localMonitor is not null && member.Silo == localSilo?.Address)
            return localMonitor.Figures();
        var figures = await connections.ReportAsync(member.Silo, options.Value.ReportTimeout, cancellationToken);
        if (figures is null)
            log.NoReport(member.Silo.ToString(), member.Status.ToString());
        return figures;
    }

    private async Task RefreshViewAsync()
    {
        try
        {
            await membership.RefreshAsync();
        }
        catch (Exception)
        {
            // The periodic refresh retries; the dashboard shows the last view meanwhile.
        }
    }
}
