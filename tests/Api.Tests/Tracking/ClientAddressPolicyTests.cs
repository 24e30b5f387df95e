using System.Net;
using Actors.Api.Tracking;

namespace Actors.Api.Tests.Tracking;

public class ClientAddressPolicyTests
{
    private static ClientAddressPolicy Policy(Action<TrackingOptions>? configure = null)
    {
        var options = new TrackingOptions();
        configure?.Invoke(options);
        return new ClientAddressPolicy(options);
    }

    [Fact]
    public void X_forwarded_for_is_ignored_unless_the_connection_comes_from_a_trusted_proxy()
    {
        var visitor = IPAddress.Parse("203.0.113.7");

        Assert.Equal(visitor, Policy().Resolve(visitor, "198.51.100.1"));
        Assert.Equal(IPAddress.Parse("198.51.100.1"), Policy(o => o.TrustedProxies.Add("203.0.113.0/24")).Resolve(visitor, "198.51.100.1"));
    }

    [Fact]
    public void X_forwarded_for_is_read_right_to_left_past_trusted_proxies_only()
    {
        var policy = Policy(o => { o.TrustedProxies.Add("10.0.0.1"); o.TrustedProxies.Add("10.0.0.2"); });

        var client = policy.Resolve(IPAddress.Parse("10.0.0.1"), "1.2.3.4, 198.51.100.9, 10.0.0.2");

        Assert.Equal(IPAddress.Parse("198.51.100.9"), client);
    }

    [Theory]
    [InlineData("198.51.100.9:4444", "198.51.100.9")]
    [InlineData("[2001:db8::1]:443", "2001:db8::1")]
    [InlineData("[2001:db8::1]", "2001:db8::1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("1.2.3.4:80, 198.51.100.9:4444", "198.51.100.9")]
    public void X_forwarded_for_entries_may_carry_the_port_the_proxy_saw(string forwardedFor, string client)
        => Assert.Equal(IPAddress.Parse(client), Policy(o => o.TrustedProxies.Add("10.0.0.1")).Resolve(IPAddress.Parse("10.0.0.1"), forwardedFor));

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("169.254.1.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("192.168.0.5", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("fd12::1", false)]
    [InlineData("100.64.0.1", true)]
    [InlineData("203.0.113.5", true)]
    [InlineData("2001:db8::5", true)]
    public void Reserved_and_private_addresses_are_not_recorded_by_default(string address, bool recorded)
        => Assert.Equal(recorded, Policy().Recordable(IPAddress.Parse(address)) is not null);

    [Fact]
    public void Private_addresses_are_recorded_when_configured()
        => Assert.NotNull(Policy(o => o.TrackPrivateIpRanges = true).Recordable(IPAddress.Parse("10.1.2.3")));

    [Fact]
    public void Do_not_track_matches_exact_addresses_and_cidr_ranges_of_both_families()
    {
        var policy = Policy(o => { o.DoNotTrackIps.Add("198.51.100.0/24"); o.DoNotTrackIps.Add("2001:db8::1"); });

        Assert.True(policy.IsDoNotTrack(IPAddress.Parse("198.51.100.77")));
        Assert.True(policy.IsDoNotTrack(IPAddress.Parse("2001:db8::1")));
        Assert.False(policy.IsDoNotTrack(IPAddress.Parse("198.51.101.1")));
        Assert.False(policy.IsDoNotTrack(IPAddress.Parse("2001:db8::2")));
    }

    [Theory]
    [InlineData("198.51.100.9", true)]
    [InlineData("198.51.100.0/24", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db8::/32", true)]
    [InlineData("198.51.100.9:4444", false)]
    [InlineData("[2001:db8::1]:443", false)]
    [InlineData("[2001:db8::1]", false)]
    [InlineData("010.0.0.1", false)]
    [InlineData("010.0.0.0/8", false)]
    [InlineData("0x0a.0.0.1", false)]
    [InlineData("10.1", false)]
    public void A_setting_names_an_address_or_range_only_as_it_is_spelled(string entry, bool valid)
        => Assert.Equal(valid, ClientAddressPolicy.IsValidNetwork(entry));
}
