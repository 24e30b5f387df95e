namespace Actors.Runtime.Membership;

/// <summary>A silo's status in the membership table; the numbers are Orleans's. Dead is terminal.</summary>
public enum SiloStatus
{
    None = 0,
    Created = 1,
    Joining = 2,
    Active = 3,
    ShuttingDown = 4,
    Stopping = 5,
    Dead = 6,
}

public static class SiloStatusExtensions
{
    /// <summary>Whether a silo in this status has stopped taking calls for good, or is about to.</summary>
    public static bool IsTerminating(this SiloStatus status) => status is SiloStatus.ShuttingDown or SiloStatus.Stopping or SiloStatus.Dead;
}
