using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// A hit carrying utm_* parameters writes a UTM row as Mautic's setUtmTags does (MAUTIC-SPEC 1.7): the five utm columns,
/// url and referrer, and also the hit's whole query, its user agent and its remote host.
/// </summary>
public abstract class TrackedUtmRowTests(Func<TestStore> store)
{
    private const string Agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

    [Fact]
    public async Task A_utm_row_from_a_hit_keeps_the_whole_query_the_user_agent_and_the_remote_host()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Tracking:TrustedProxies:0"] = "127.0.0.1" });
        var visitor = api.Visitor();
        visitor.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        var reply = await Event(visitor, new()
        {
            ["page_url"] = "https://shop.test/spring?utm_source=news&utm_medium=mail",
            ["utm_campaign"] = "spring",
            ["page_title"] = "Spring sale",
        }, Agent);

        var utm = (await Contact(api, (long)reply["id"]!))["utmtags"]!.AsArray().Single()!;
        Assert.Equal("news", (string)utm["utmSource"]!);
        Assert.Equal("spring", (string)utm["utmCampaign"]!);
        Assert.Equal("https://shop.test/spring?utm_source=news&utm_medium=mail", (string)utm["url"]!);
        var query = utm["query"]!.AsObject();
        Assert.Equal("news", (string)query["utm_source"]!);
        Assert.Equal("mail", (string)query["utm_medium"]!);
        Assert.Equal("spring", (string)query["utm_campaign"]!);
        Assert.Equal("Spring sale", (string)query["page_title"]!);
        Assert.Equal(Agent, (string)utm["userAgent"]!);
        Assert.Equal("203.0.113.7", (string)utm["remoteHost"]!);
    }

    [Fact]
    public async Task The_utm_row_of_a_hit_from_an_address_that_is_not_recorded_has_no_remote_host()
    {
        await using var api = new ApiFactory(store());

        var reply = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.test/", ["utm_source"] = "ads" }, Agent);

        var utm = (await Contact(api, (long)reply["id"]!))["utmtags"]!.AsArray().Single()!;
        Assert.Equal(Agent, (string)utm["userAgent"]!);
        Assert.Null(utm["remoteHost"]);
        Assert.Equal("ads", (string)utm["query"]!["utm_source"]!);
    }
}

public sealed class SqliteTrackedUtmRowTests() : TrackedUtmRowTests(TestStore.Sqlite);

public sealed class PostgreSqlTrackedUtmRowTests() : TrackedUtmRowTests(TestStore.PostgreSql);
