using Actors.Runtime.Membership;
using Actors.Runtime.MembershipService;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Silo.Health;

/// <summary>
/// Ready only while this process can take part in the cluster: a silo when its own row is Active (not while it
/// joins or shuts down), a cluster client when its view holds at least one Active silo to send calls to. A client
/// without one re-reads the table at each probe, since it sends no calls that would make it notice a silo joining and
/// would otherwise wait for its periodic refresh (ClusterClient:MembershipRefreshPeriod, a minute) to become ready.
/// </summary>
internal sealed class MembershipHealthCheck(IClusterMembershipService membership, LocalSilo? silo = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var view = membership.CurrentView;
        if (silo is not null)
        {
            var status = view.StatusOf(silo.Address);
            return status == SiloStatus.Active
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Silo {silo.Address} is {status} in membership view {view.Version}.");
        }
        if (view.ActiveSilos.Count == 0)
            view = await RefreshedViewAsync();
        return view.ActiveSilos.Count > 0
            ? HealthCheckResult.Healthy($"{view.ActiveSilos.Count} active silos")
            : HealthCheckResult.Unhealthy($"No active silo in membership view {view.Version}.");
    }

    private async Task<MembershipView> RefreshedViewAsync()
    {
        try
        {
            await membership.RefreshAsync();
        }
        catch (Exception)
        {
            // The table is unreachable: the view read last is the answer, and the next probe tries again.
        }
        return membership.CurrentView;
    }
}
