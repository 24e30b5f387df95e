namespace Actors.Runtime.MembershipService;

/// <summary>
/// The membership views of this process (a silo's, or a cluster client's), in version order. Subscribers are
/// called synchronously, one view at a time, each view newer than the last; they must return quickly.
/// </summary>
public interface IClusterMembershipService
{
    MembershipView CurrentView { get; }

    /// <summary>Calls <paramref name="observer"/> with the current view and every newer one until disposed.</summary>
    IDisposable Subscribe(Action<MembershipView> observer);

    /// <summary>Reads the table now and publishes what is new (after a failed call, or when told of a change).</summary>
    Task RefreshAsync();
}
