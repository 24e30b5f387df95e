using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Devices;

/// <summary>GET /api/contacts/{id}/devices through the real pipeline on a real store.</summary>
public abstract class ContactDeviceTests(Func<TestStore> store)
{
    private const string Windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";

    [Fact]
    public async Task The_devices_of_a_contact_are_listed_with_their_user_agents_classified_and_a_merge_keeps_both()
    {
        await using var api = new ApiFactory(store());
        var (desktop, desktopDevice) = await Hit(api, Windows);
        var (phone, phoneDevice) = await Hit(api, IPhone);

        var (listed, before) = await Send(api, HttpMethod.Get, $"/api/contacts/{desktop}/devices", "");
        await Send(api, HttpMethod.Post, $"/api/contacts/{desktop}/merge/{phone}", "");
        var (_, after) = await Send(api, HttpMethod.Get, $"/api/contacts/{phone}/devices", "");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(1, (int)before["total"]!);
        var device = before["devices"]![0]!;
        Assert.Equal("desktop", (string)device["device"]!);
        Assert.Equal("Windows", (string)device["deviceOsName"]!);
        Assert.Equal("Chrome", (string)device["clientInfo"]!["name"]!);
        Assert.Equal(desktopDevice, (string)device["trackingId"]!);
        Assert.Equal(2, (int)after["total"]!);
        Assert.Equal(new[] { desktopDevice, phoneDevice }.Order(StringComparer.Ordinal),
            after["devices"]!.AsArray().Select(d => (string)d!["trackingId"]!).Order(StringComparer.Ordinal));
        Assert.Contains(after["devices"]!.AsArray(), d => (string)d!["device"]! == "smartphone" && (string)d["deviceOsName"]! == "iOS");
    }

    [Theory]
    [InlineData("/api/contacts/999999/devices")]
    [InlineData("/api/contacts/abc/devices")]
    public async Task Unknown_contacts_answer_404(string url)
    {
        await using var api = new ApiFactory(store());

        var (response, _) = await Send(api, HttpMethod.Get, url, "");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<(long Contact, string Device)> Hit(ApiFactory api, string userAgent)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mtc/event") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["page_url"] = "https://shop.example/" }) };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.TryAddWithoutValidation("X-Requested-With", "XMLHttpRequest");
        var response = await api.Visitor().SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((long)body["id"]!, (string)body["device_id"]!);
    }
}

public sealed class SqliteContactDeviceTests() : ContactDeviceTests(TestStore.Sqlite);

public sealed class PostgreSqlContactDeviceTests() : ContactDeviceTests(TestStore.PostgreSql);
