using System.Net;
using Actors.Api.Tracking;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Tracking;

/// <summary>A hit is read for the client its request was screened as: the address and the user agent are worked out once.</summary>
public class TrackingHitReaderTests
{
    [Fact]
    public async Task A_hit_records_the_address_and_agent_its_request_was_screened_with()
    {
        var options = new TrackingOptions { TrustedProxies = ["10.0.0.1"] };
        var reader = new TrackingHitReader(Options.Create(options), Options.Create(new Microsoft.AspNetCore.Http.Features.FormOptions()), new ClientAddressPolicy(options),
            NullLogger<TrackingHitReader>.Instance);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.1");
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
        context.Request.Headers.UserAgent = "<b>Mozilla/5.0</b>";

        var client = reader.Screen(context.Request);
        // Were either worked out again while the hit is read, it would not be what the request was screened as.
        context.Request.Headers["X-Forwarded-For"] = "198.51.100.9";
        context.Request.Headers.UserAgent = "Other/1.0";
        var hit = await reader.ReadAsync(context.Request, client!.Value, CancellationToken.None);

        Assert.Equal(new TrackingClient(IPAddress.Parse("203.0.113.7"), "Mozilla/5.0"), client);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), hit!.IpAddress);
        Assert.Equal("Mozilla/5.0", hit.UserAgent);
    }

    [Fact]
    public void A_do_not_track_address_or_a_bot_is_screened_out()
    {
        var options = new TrackingOptions { DoNotTrackIps = ["203.0.113.0/24"] };
        var reader = new TrackingHitReader(Options.Create(options), Options.Create(new Microsoft.AspNetCore.Http.Features.FormOptions()), new ClientAddressPolicy(options),
            NullLogger<TrackingHitReader>.Instance);
        var blocked = new DefaultHttpContext();
        blocked.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        var bot = new DefaultHttpContext();
        bot.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.9");
        bot.Request.Headers.UserAgent = "Google<x>bot/2.1";

        Assert.Null(reader.Screen(blocked.Request));
        Assert.Null(reader.Screen(bot.Request));
    }
}
