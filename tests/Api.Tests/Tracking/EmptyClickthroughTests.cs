using System.Net;
using Actors.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// An empty <c>ct</c> or <c>d</c> carries nothing to decode: Mautic skips it (empty($query['ct']); an empty d decodes to
/// no array) and records the hit, so the service does too, on the event call and the pixel alike.
/// </summary>
public abstract class EmptyClickthroughTests(Func<TestStore> store)
{
    [Theory]
    [InlineData("ct")]
    [InlineData("d")]
    public async Task An_empty_value_is_skipped_and_the_event_is_tracked(string parameter)
    {
        await using var api = new ApiFactory(store());

        var reply = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.test/", ["tags"] = "kept", [parameter] = "" });

        Assert.Equal(1, (int)reply["success"]!);
        Assert.Equal("kept", (string)(await Contact(api, (long)reply["id"]!))["tags"]![0]!["tag"]!);
    }

    [Theory]
    [InlineData("ct")]
    [InlineData("d")]
    public async Task An_empty_value_is_skipped_and_the_pixel_hit_is_tracked(string parameter)
    {
        await using var api = new ApiFactory(store());
        var pixel = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false });

        var response = await Send(pixel, $"/mtracking.gif?{parameter}=&page_url=https%3A%2F%2Fshop.test%2F&tags=kept");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contactId = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)).Single(c => c[0] == "mtc_id")[1];
        Assert.Equal("kept", (string)(await Contact(api, long.Parse(contactId)))["tags"]![0]!["tag"]!);
    }
}

public sealed class SqliteEmptyClickthroughTests() : EmptyClickthroughTests(TestStore.Sqlite);

public sealed class PostgreSqlEmptyClickthroughTests() : EmptyClickthroughTests(TestStore.PostgreSql);
