using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// An X-Forwarded-For hop is an address only in its canonical form, as PHP's filter_var(FILTER_VALIDATE_IP) reads one for
/// Mautic: dotted-decimal IPv4 without leading zeros, or IPv6 without a zone. The forms inet_aton also takes (octal
/// <c>010.8.8.8</c>, hex <c>0x08.8.8.8</c>, short <c>8.8</c>, one number <c>134744072</c>) are invalid hops, and an
/// invalid hop ends the walk at the proxy that sent it, so none of them records 8.8.8.8.
/// </summary>
public abstract class ForwardedHopTests(Func<TestStore> store)
{
    [Theory]
    [InlineData("010.8.8.8")]
    [InlineData("0x08.8.8.8")]
    [InlineData("0x8080808")]
    [InlineData("8.8")]
    [InlineData("8.8.2056")]
    [InlineData("134744072")]
    [InlineData("010.8.8.8:80")]
    public async Task A_hop_that_is_not_a_canonical_address_is_invalid(string hop)
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Tracking:TrustedProxies:0"] = "127.0.0.1" });
        var visitor = api.Visitor();
        visitor.DefaultRequestHeaders.Add("X-Forwarded-For", hop);

        var reply = await Event(visitor, new() { ["page_url"] = "https://shop.test/" });

        var addresses = (await Contact(api, (long)reply["id"]!))["ipAddresses"]!;
        Assert.True(addresses is JsonArray { Count: 0 }, addresses.ToJsonString());
    }
}

public sealed class SqliteForwardedHopTests() : ForwardedHopTests(TestStore.Sqlite);

public sealed class PostgreSqlForwardedHopTests() : ForwardedHopTests(TestStore.PostgreSql);
