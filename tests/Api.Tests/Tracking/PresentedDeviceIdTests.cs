using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Devices;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// Which device a hit is tracked as (MAUTIC-SPEC 2.1): the tracker's cookie, else the request's own mautic_device_id,
/// and only a device this service issued. A link must not choose a visitor's device: otherwise an attacker who sends
/// a victim to site/page?mautic_device_id=X later reads the victim's contact through X.
/// </summary>
public abstract class PresentedDeviceIdTests(Func<TestStore> store)
{
    private const string MadeUp = "attackerattackerattacke";

    private async Task<ApiFactory> StartAsync()
    {
        var api = new ApiFactory(store());
        await MakePubliclyUpdatable(api, "email");
        return api;
    }

    [Fact]
    public async Task A_device_id_inside_page_url_does_not_name_the_device()
    {
        await using var api = await StartAsync();
        var attacker = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/" });
        var attackerDevice = (string)attacker["device_id"]!;

        var victim = await Event(api.Visitor(), new() { ["page_url"] = $"https://shop.example/offer?mautic_device_id={attackerDevice}" });

        Assert.NotEqual(attackerDevice, (string)victim["device_id"]!);
        Assert.NotEqual((long)attacker["id"]!, (long)victim["id"]!);
    }

    [Fact]
    public async Task A_made_up_device_id_is_not_adopted_and_the_visitor_gets_a_new_one()
    {
        await using var api = await StartAsync();

        var viaEvent = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/", ["mautic_device_id"] = MadeUp });
        var viaPixel = Cookies(await Send(api.Visitor(), $"/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F&mautic_device_id={MadeUp}"));
        var viaMtc = JsonNode.Parse(await (await Send(api.Visitor(), $"/mtc?mautic_device_id={MadeUp}")).Content.ReadAsStringAsync())!;
        var viaCookie = await Send(api.Visitor(), "/mtc/event", form: new Dictionary<string, string> { ["page_url"] = "https://shop.example/" },
            headers: new() { ["Cookie"] = $"mautic_device_id={MadeUp}" });

        string[] answered = [(string)viaEvent["device_id"]!, viaPixel["mautic_device_id"], (string)viaMtc["device_id"]!,
            (string)JsonNode.Parse(await viaCookie.Content.ReadAsStringAsync())!["device_id"]!];
        Assert.All(answered, id => Assert.True(DeviceId.IsValid(id) && id != MadeUp, id));
        Assert.Equal(4, answered.Distinct().Count());
        Assert.Equal(0, await api.Grains.GetGrain<IDeviceGrain>(MadeUp).Contact());
        // Each answered id is a device: sent back, it keeps its contact.
        var returning = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/2", ["mautic_device_id"] = answered[0] });
        Assert.Equal(answered[0], (string)returning["device_id"]!);
        Assert.Equal((long)viaEvent["id"]!, (long)returning["id"]!);
    }

    [Fact]
    public async Task A_victim_sent_a_link_with_a_device_id_and_then_identified_is_not_reached_through_that_id()
    {
        await using var api = await StartAsync();
        var victim = api.Visitor();
        var landed = await Event(victim, new() { ["page_url"] = $"https://shop.example/?mautic_device_id={MadeUp}", ["mautic_device_id"] = MadeUp });
        var identified = await Event(victim, new() { ["page_url"] = "https://shop.example/signup", ["email"] = "victim@example.com", ["mautic_device_id"] = (string)landed["device_id"]! });

        var attacker = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/", ["mautic_device_id"] = MadeUp });

        Assert.Equal((long)landed["id"]!, (long)identified["id"]!);
        Assert.NotEqual((long)identified["id"]!, (long)attacker["id"]!);
        Assert.Null((await Contact(api, (long)attacker["id"]!))["fields"]!["all"]!["email"]);
    }

    private static Dictionary<string, string> Cookies(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)).ToDictionary(c => c[0], c => c[1]);
}

public sealed class SqlitePresentedDeviceIdTests() : PresentedDeviceIdTests(TestStore.Sqlite);

public sealed class PostgreSqlPresentedDeviceIdTests() : PresentedDeviceIdTests(TestStore.PostgreSql);
