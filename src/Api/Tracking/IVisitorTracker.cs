namespace Actors.Api.Tracking;

/// <summary>The contact and device a tracking request ended on.</summary>
public sealed record TrackedVisitor(long ContactId, string DeviceId);

/// <summary>What the tracking endpoints ask of the grains: record a hit, or just learn who the visitor is.</summary>
public interface IVisitorTracker
{
    /// <summary>Records the hit on the visitor's device and contact (creating them on first sight, identifying and merging when a unique field arrives); completes once it is durable.</summary>
    Task<TrackedVisitor> TrackAsync(TrackingHit hit, CancellationToken cancellationToken);

    /// <summary>Resolves the visitor's contact without recording a page hit (creating an anonymous contact for a new device).</summary>
    Task<TrackedVisitor> IdentifyAsync(TrackingHit hit, CancellationToken cancellationToken);
}
