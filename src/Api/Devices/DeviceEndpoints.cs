using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Api.Errors;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;

namespace Actors.Api.Devices;

/// <summary>
/// GET /api/contacts/{id}/devices (seed 004 "Get Contact's Devices"): each tracked device with its user agent
/// classified into device type, operating system and browser. Mautic's device id is a number; ours is the position
/// in the list, and trackingId is the device's real id (the mautic_device_id cookie).
/// </summary>
public static class DeviceEndpoints
{
    public static RouteGroupBuilder MapContactDevices(this RouteGroupBuilder api)
    {
        api.MapGet("/contacts/{id}/devices", DevicesAsync);
        return api;
    }

    private static async Task<IResult> DevicesAsync(string id, ContactWriteContext context)
    {
        if (await context.FindContactAsync(id) is not { } contact)
            return ApiErrors.NotFound();
        var devices = await Task.WhenAll(contact.Devices.Select(d => context.Grains.GetGrain<IDeviceGrain>(d).Describe()));
        var rows = devices.OrderBy(d => d.FirstSeen).Select((device, i) => (JsonNode)Write(device, i + 1)).ToArray();
        return Results.Json(new JsonObject { ["total"] = rows.Length, ["devices"] = new JsonArray(rows) });
    }

    private static JsonObject Write(DeviceDescription device, int position)
    {
        var info = UserAgentClassifier.Classify(device.UserAgent);
        return new JsonObject
        {
            ["id"] = position,
            ["lead"] = new JsonArray(),
            ["clientInfo"] = info.BrowserName.Length == 0 ? new JsonArray() : new JsonObject
            {
                ["type"] = "browser",
                ["name"] = info.BrowserName,
                ["short_name"] = info.BrowserShortName,
                ["version"] = info.BrowserVersion,
                ["engine"] = info.BrowserEngine,
            },
            ["device"] = info.Device,
            ["deviceOsName"] = info.OsName,
            ["deviceOsShortName"] = info.OsShortName,
            ["deviceOsVersion"] = info.OsVersion,
            ["deviceOsPlatform"] = info.OsPlatform,
            ["deviceBrand"] = info.Brand,
            ["deviceModel"] = info.Model,
            ["userAgent"] = device.UserAgent,
            ["trackingId"] = device.DeviceId,
            ["dateAdded"] = ContactJson.Date(device.FirstSeen),
            ["lastSeen"] = ContactJson.Date(device.LastSeen),
        };
    }
}
