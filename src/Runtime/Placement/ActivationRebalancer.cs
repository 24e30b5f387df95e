using Actors.Runtime.Catalog;
using Actors.Runtime.MembershipService;
using Actors.Runtime.Messaging;
using Microsoft.Extensions.Hosting;

namespace Actors.Runtime.Placement;

/// <summary>
/// Keeps a grain's single activation where the ring says it lives: when a new view gives a grain to another silo
/// (a silo joined, or this one is leaving), the activation here is deactivated, so the next call activates it on
/// the new owner from storage. Between the view change and the end of the deactivation two activations may exist
/// briefly; the storage ETag then refuses the stale writer, which deactivates (InconsistentStateException).
/// </summary>
internal sealed class ActivationRebalancer(GrainPlacement placement, GrainCatalog catalog, LocalSilo local, MessagingLog log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        placement.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        placement.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(PlacementSnapshot snapshot)
    {
        if (snapshot.Ring.IsEmpty)
            return;
        var moved = catalog.Activations
            .Where(a => snapshot.OwnerOf(a.GrainId) is { } owner && owner != local.Address)
            .ToList();
        if (moved.Count == 0)
            return;
        log.Rebalancing(moved.Count, snapshot.View.Version);
        var reason = new DeactivationReason(DeactivationReasonCode.RuntimeRequested, $"membership view {snapshot.View.Version} places the grain on another silo");
        foreach (var activation in moved)
            _ = activation.StartDeactivation(reason);
    }
}
