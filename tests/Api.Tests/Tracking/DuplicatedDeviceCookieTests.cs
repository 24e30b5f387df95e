using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// A Cookie header naming the device cookie twice is read as PHP, and so Mautic, reads it: the first copy counts, so a
/// second copy that a page script or another path's cookie adds cannot move the visitor to another device.
/// </summary>
public abstract class DuplicatedDeviceCookieTests(Func<TestStore> store)
{
    [Fact]
    public async Task The_first_copy_of_a_duplicated_device_cookie_names_the_device()
    {
        await using var api = new ApiFactory(store());
        var first = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.test/" });
        var device = (string)first["device_id"]!;

        var validFirst = await Hit(api, $"mautic_device_id={device}; mautic_device_id=zzzz");
        var validSecond = await Hit(api, $"mautic_device_id=zzzz; mautic_device_id={device}");

        Assert.Equal((long)first["id"]!, (long)validFirst["id"]!);
        Assert.Equal(device, (string)validFirst["device_id"]!);
        Assert.NotEqual((long)first["id"]!, (long)validSecond["id"]!);
    }

    private static async Task<JsonNode> Hit(ApiFactory api, string cookieHeader)
    {
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        var response = await Send(client, "/mtc/event", form: new Dictionary<string, string> { ["page_url"] = "https://shop.test/2" },
            headers: new() { ["Cookie"] = cookieHeader });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}

public sealed class SqliteDuplicatedDeviceCookieTests() : DuplicatedDeviceCookieTests(TestStore.Sqlite);

public sealed class PostgreSqlDuplicatedDeviceCookieTests() : DuplicatedDeviceCookieTests(TestStore.PostgreSql);
