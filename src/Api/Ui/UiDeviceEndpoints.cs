using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Api.Errors;
using Actors.Interfaces.Contacts;
using Actors.Runtime;

namespace Actors.Api.Ui;

/// <summary>
/// GET /ui/api/contacts/{id}/devices: the contact's tracked devices (every device id that leads to it, merged
/// contacts' included) with what their page hits tell: the last user agent, the last hit and the number of hits.
/// </summary>
internal static class UiDeviceEndpoints
{
    public static RouteGroupBuilder MapUiDevices(this RouteGroupBuilder ui)
    {
        ui.MapGet("/contacts/{id}/devices", async (string id, IGrainFactory grains) =>
        {
            if (!ContactIds.TryParse(id, out var contactId))
                return ApiErrors.NotFound();
            var contact = grains.GetContact(await grains.ResolveContactAsync(contactId));
            var snapshot = await contact.Get();
            if (snapshot is null)
                return ApiErrors.NotFound();
            var hits = (await contact.Timeline()).Where(e => e.Type == "page.hit").ToLookup(e => e.Details.GetValueOrDefault("deviceId") ?? "");
            var devices = snapshot.Devices.Select(device =>
            {
                var seen = hits[device].OrderBy(e => e.At).ToArray();
                return (JsonNode)new JsonObject
                {
                    ["trackingId"] = device,
                    ["hits"] = seen.Length,
                    ["lastSeen"] = seen.Length == 0 ? null : (JsonNode)seen[^1].At,
                    ["userAgent"] = seen.Length == 0 ? null : seen[^1].Details.GetValueOrDefault("userAgent"),
                };
            }).ToArray();
            return Results.Json(new JsonObject { ["total"] = devices.Length, ["devices"] = new JsonArray(devices) });
        });
        return ui;
    }
}
