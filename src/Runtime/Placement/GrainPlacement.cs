using Actors.Runtime.Membership;
using Actors.Runtime.MembershipService;

namespace Actors.Runtime.Placement;

/// <summary>
/// Where each grain lives under this process's current membership view: the ring is rebuilt from every newer view
/// (views come in version order), so the owner of a grain changes only when the set of Active silos does.
/// </summary>
public sealed class GrainPlacement : IDisposable
{
    private readonly IDisposable _subscription;
    private volatile PlacementSnapshot _current = new(MembershipView.Empty, HashRing.Empty);

    public GrainPlacement(IClusterMembershipService membership)
        => _subscription = membership.Subscribe(view =>
        {
            var snapshot = new PlacementSnapshot(view, new HashRing(view.ActiveSilos));
            _current = snapshot;
            Changed?.Invoke(snapshot);
        });

    public PlacementSnapshot Current => _current;

    /// <summary>Raised with each new snapshot, in view order, on the thread that published the view.</summary>
    public event Action<PlacementSnapshot>? Changed;

    public void Dispose() => _subscription.Dispose();
}

/// <summary>One view and the ring built from it.</summary>
public sealed record PlacementSnapshot(MembershipView View, HashRing Ring)
{
    public SiloAddress? OwnerOf(GrainId grain) => Ring.OwnerOf(grain);
}
