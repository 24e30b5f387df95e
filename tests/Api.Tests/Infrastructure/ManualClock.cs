namespace Actors.Api.Tests.Infrastructure;

/// <summary>A clock that moves only when a test advances it, so "a minute later" needs no waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
