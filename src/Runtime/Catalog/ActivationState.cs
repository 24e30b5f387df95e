namespace Actors.Runtime.Catalog;

/// <summary>The life of an activation, as in Orleans: Creating → Activating → Valid → Deactivating → Invalid.</summary>
internal enum ActivationState
{
    /// <summary>Registered in the catalog, nothing run yet.</summary>
    Creating,
    /// <summary>State loading and OnActivateAsync are running; requests wait.</summary>
    Activating,
    /// <summary>Serving requests.</summary>
    Valid,
    /// <summary>No new request starts; running ones finish, then OnDeactivateAsync runs.</summary>
    Deactivating,
    /// <summary>Gone; requests still addressed to it go to a new activation.</summary>
    Invalid,
}
