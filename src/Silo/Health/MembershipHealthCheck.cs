using Actors.Runtime.Membership;
using Actors.Runtime.MembershipService;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Silo.Health;

/// <summary>
/// Ready only while this process can take part in the cluster: a silo when its own row is Active (not while it
/// joins or shuts down), a cluster client when its view holds at least one Active silo to send calls to.
/// </summary>
internal sealed class MembershipHealthCheck(IClusterMembershipService membership, LocalSilo? silo = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var view = membership.CurrentView;
        if (silo is not null)
        {
            var status = view.StatusOf(silo.Address);
            return Task.FromResult(status == SiloStatus.Active
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Silo {silo.Address} is {status} in membership view {view.Version}."));
        }
        return Task.FromResult(view.ActiveSilos.Count > 0
            ? HealthCheckResult.Healthy($"{view.ActiveSilos.Count} active silos")
            : HealthCheckResult.Unhealthy($"No active silo in membership view {view.Version}."));
    }
}
