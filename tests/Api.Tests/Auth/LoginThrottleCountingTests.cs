using System.Net;
using Actors.Api.Auth;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Auth;

/// <summary>The throttle's counting on its own, with a clock the test moves.</summary>
public sealed class LoginThrottleCountingTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("203.0.113.5");

    [Fact]
    public void An_address_is_refused_until_the_window_that_began_with_its_first_failure_ends()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(Options.Create(new ApiOptions { MaxFailedLogins = 2, FailedLoginWindow = TimeSpan.FromMinutes(1) }), clock);

        throttle.RecordFailure(Guesser);
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(throttle.RetryAfter(Guesser));
        throttle.RecordFailure(Guesser);

        Assert.Equal(TimeSpan.FromSeconds(40), throttle.RetryAfter(Guesser));
        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(throttle.RetryAfter(Guesser));
        throttle.RecordFailure(Guesser);
        Assert.Null(throttle.RetryAfter(Guesser));
    }

    [Fact]
    public void When_full_expired_counters_make_room_and_live_ones_are_kept()
    {
        var clock = new ManualClock();
        var options = new ApiOptions { MaxFailedLogins = 1, FailedLoginWindow = TimeSpan.FromMinutes(1), MaxTrackedAddresses = 100 };
        var throttle = new LoginThrottle(Options.Create(options), clock);
        for (var i = 0; i < 100; i++)
            throttle.RecordFailure(IPAddress.Parse($"198.51.100.{i}"));

        throttle.RecordFailure(Guesser);
        Assert.Null(throttle.RetryAfter(Guesser));
        Assert.NotNull(throttle.RetryAfter(IPAddress.Parse("198.51.100.0")));

        clock.Advance(TimeSpan.FromMinutes(1));
        throttle.RecordFailure(Guesser);
        Assert.NotNull(throttle.RetryAfter(Guesser));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
