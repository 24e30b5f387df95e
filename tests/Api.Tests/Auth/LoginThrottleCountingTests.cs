using System.Net;
using Actors.Api.Auth;
using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Auth;

/// <summary>The throttle's counting on its own, with a clock the test moves.</summary>
public sealed class LoginThrottleCountingTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("203.0.113.5");

    private readonly ManualClock _clock = new();

    [Fact]
    public void An_address_is_refused_until_the_window_that_began_with_its_first_failure_ends()
    {
        var throttle = Throttle(new ApiOptions { MaxFailedLogins = 2, FailedLoginWindow = TimeSpan.FromMinutes(1) });

        throttle.RecordFailure(Guesser, "admin");
        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(throttle.ClientRetryAfter(Guesser));
        throttle.RecordFailure(Guesser, "admin");

        Assert.Equal(TimeSpan.FromSeconds(40), throttle.ClientRetryAfter(Guesser));
        _clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(throttle.ClientRetryAfter(Guesser));
        throttle.RecordFailure(Guesser, "admin");
        Assert.Null(throttle.ClientRetryAfter(Guesser));
    }

    [Fact]
    public void When_full_expired_counters_make_room_and_live_ones_are_kept()
    {
        var throttle = Throttle(new ApiOptions { MaxFailedLogins = 1, FailedLoginWindow = TimeSpan.FromMinutes(1), MaxTrackedAddresses = 100 });
        for (var i = 0; i < 100; i++)
            throttle.RecordFailure(IPAddress.Parse($"198.51.100.{i}"), $"user{i}");

        throttle.RecordFailure(Guesser, "guessed");
        Assert.Null(throttle.ClientRetryAfter(Guesser));
        Assert.NotNull(throttle.ClientRetryAfter(IPAddress.Parse("198.51.100.0")));

        _clock.Advance(TimeSpan.FromMinutes(1));
        throttle.RecordFailure(Guesser, "guessed");
        Assert.NotNull(throttle.ClientRetryAfter(Guesser));
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::")]
    [InlineData("fe80::1%3", "fe80::")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7")]
    [InlineData("198.51.100.7", "198.51.100.7")]
    public void An_ipv6_address_is_counted_as_its_64_and_an_ipv4_one_as_itself(string address, string client)
        => Assert.Equal(IPAddress.Parse(client), LoginThrottle.ClientOf(IPAddress.Parse(address)));

    [Fact]
    public void Rotating_addresses_inside_one_ipv6_64_counts_one_client_and_the_next_64_is_another()
    {
        var throttle = Throttle(new ApiOptions { MaxFailedLogins = 5 });

        for (var i = 1; i <= 5; i++)
            throttle.RecordFailure(IPAddress.Parse($"2001:db8:1:2::{100 + i:x}"), $"user{i}");

        Assert.NotNull(throttle.ClientRetryAfter(IPAddress.Parse("2001:db8:1:2:abcd::1")));
        Assert.Null(throttle.ClientRetryAfter(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void Ipv4_addresses_count_one_by_one_and_a_mapped_address_is_its_ipv4_address()
    {
        var throttle = Throttle(new ApiOptions { MaxFailedLogins = 2 });

        throttle.RecordFailure(IPAddress.Parse("::ffff:203.0.113.5"), "a");
        throttle.RecordFailure(Guesser, "b");

        Assert.NotNull(throttle.ClientRetryAfter(Guesser));
        Assert.NotNull(throttle.ClientRetryAfter(IPAddress.Parse("::ffff:203.0.113.5")));
        Assert.Null(throttle.ClientRetryAfter(IPAddress.Parse("203.0.113.6")));
    }

    [Fact]
    public void Failures_for_one_username_from_many_networks_lock_it_for_every_client_as_users_compare_names()
    {
        var throttle = Throttle(new ApiOptions { MaxFailedLoginsPerUser = 3, UserLockout = TimeSpan.FromMinutes(15) });

        throttle.RecordFailure(IPAddress.Parse("2001:db8:1::1"), "admin");
        throttle.RecordFailure(IPAddress.Parse("2001:db8:2::1"), "Admin");
        Assert.Null(throttle.UserRetryAfter(Guesser, "admin"));
        throttle.RecordFailure(IPAddress.Parse("198.51.100.1"), " ADMIN ");

        Assert.Equal(TimeSpan.FromMinutes(15), throttle.UserRetryAfter(IPAddress.Parse("192.0.2.1"), "admin"));
        Assert.NotNull(throttle.UserRetryAfter(IPAddress.Parse("2001:db8:9::1"), "ADMIN"));
        Assert.Null(throttle.UserRetryAfter(Guesser, "carol"));
        Assert.Null(throttle.ClientRetryAfter(Guesser));
    }

    [Fact]
    public void A_lockout_ends_each_one_that_follows_lasts_twice_as_long_up_to_the_longest_and_a_quiet_spell_starts_over()
    {
        var throttle = Throttle(new ApiOptions { MaxFailedLoginsPerUser = 2, UserLockout = TimeSpan.FromMinutes(15), MaxUserLockout = TimeSpan.FromMinutes(40) });
        TimeSpan? LockOut()
        {
            throttle.RecordFailure(IPAddress.Parse("2001:db8:1::1"), "admin");
            throttle.RecordFailure(IPAddress.Parse("2001:db8:2::1"), "admin");
            return throttle.UserRetryAfter(Guesser, "admin");
        }

        var lockouts = new List<TimeSpan?>();
        for (var i = 0; i < 3; i++)
        {
            lockouts.Add(LockOut());
            _clock.Advance(lockouts[^1]!.Value - TimeSpan.FromSeconds(1));
            Assert.NotNull(throttle.UserRetryAfter(Guesser, "admin"));
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Null(throttle.UserRetryAfter(Guesser, "admin"));
        }
        _clock.Advance(TimeSpan.FromMinutes(40));
        lockouts.Add(LockOut());

        Assert.Equal([TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(15)], lockouts);
    }

    [Fact]
    public void Failures_further_apart_than_the_window_do_not_add_up()
    {
        var throttle = Throttle(new ApiOptions { MaxFailedLoginsPerUser = 2, UserLockout = TimeSpan.FromMinutes(15) });

        throttle.RecordFailure(IPAddress.Parse("2001:db8:1::1"), "admin");
        _clock.Advance(TimeSpan.FromMinutes(15));
        throttle.RecordFailure(IPAddress.Parse("2001:db8:2::1"), "admin");

        Assert.Null(throttle.UserRetryAfter(Guesser, "admin"));
    }

    [Fact]
    public void A_success_does_not_reset_the_usernames_count()
    {
        var throttle = Throttle(new ApiOptions { MaxFailedLoginsPerUser = 3 });

        throttle.RecordFailure(IPAddress.Parse("2001:db8:1::1"), "admin");
        throttle.RecordFailure(IPAddress.Parse("2001:db8:2::1"), "admin");
        throttle.RecordSuccess(Guesser, "admin");
        throttle.RecordFailure(IPAddress.Parse("2001:db8:3::1"), "admin");

        Assert.NotNull(throttle.UserRetryAfter(IPAddress.Parse("192.0.2.1"), "admin"));
    }

    [Fact]
    public void A_client_that_signed_in_as_the_user_lately_is_exempt_from_its_lockout_but_not_from_its_own_count()
    {
        var options = new ApiOptions { MaxFailedLogins = 2, MaxFailedLoginsPerUser = 2, UserLockout = TimeSpan.FromMinutes(15), KnownClientLifetime = TimeSpan.FromMinutes(10) };
        var throttle = Throttle(options);
        throttle.RecordSuccess(IPAddress.Parse("2001:db8:7:7::10"), "Admin");

        throttle.RecordFailure(IPAddress.Parse("2001:db8:1::1"), "admin");
        throttle.RecordFailure(IPAddress.Parse("2001:db8:2::1"), "admin");

        Assert.Null(throttle.UserRetryAfter(IPAddress.Parse("2001:db8:7:7::20"), "admin"));
        Assert.NotNull(throttle.UserRetryAfter(IPAddress.Parse("2001:db8:7:8::10"), "admin"));
        throttle.RecordFailure(IPAddress.Parse("2001:db8:7:7::20"), "admin");
        throttle.RecordFailure(IPAddress.Parse("2001:db8:7:7::20"), "admin");
        Assert.NotNull(throttle.ClientRetryAfter(IPAddress.Parse("2001:db8:7:7::20")));

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.NotNull(throttle.UserRetryAfter(IPAddress.Parse("2001:db8:7:7::20"), "admin"));
    }

    [Fact]
    public void A_flood_of_usernames_fills_a_bounded_table_and_refuses_new_names_until_entries_expire()
    {
        var throttle = Throttle(new ApiOptions { MaxTrackedUsernames = 100, UserLockout = TimeSpan.FromMinutes(15) });
        for (var i = 0; i < 150; i++)
            throttle.RecordFailure(IPAddress.Parse($"2001:db8:{i:x}::1"), $"made-up-{i}");

        Assert.NotNull(throttle.UserRetryAfter(Guesser, "admin"));
        Assert.Null(throttle.UserRetryAfter(Guesser, "made-up-99"));
        Assert.NotNull(throttle.UserRetryAfter(Guesser, "made-up-100"));

        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(throttle.UserRetryAfter(Guesser, "admin"));
    }

    [Fact]
    public void Usernames_too_long_for_any_user_share_one_count()
    {
        var throttle = Throttle(new ApiOptions { MaxFailedLoginsPerUser = 2 });

        throttle.RecordFailure(IPAddress.Parse("2001:db8:1::1"), new string('a', 65));
        throttle.RecordFailure(IPAddress.Parse("2001:db8:2::1"), new string('b', 10_000));

        Assert.NotNull(throttle.UserRetryAfter(Guesser, new string('c', 100)));
        Assert.Null(throttle.UserRetryAfter(Guesser, new string('a', 64)));
    }

    private LoginThrottle Throttle(ApiOptions options) => new(Options.Create(options), _clock, NullLogger<LoginThrottle>.Instance);
}
