using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Testing;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// A hit is answered only after what it changed is committed (its timeline entry, and the contact when the hit
/// changed more than lastActive), so killing the process (SIGKILL, no shutdown of any kind) while hits flow loses
/// none of the hits that were answered, and each contact's lastActive is still that of its newest stored hit. Every
/// device id answered is a stored device: a presented id that names none is replaced, so a lost device would move
/// its visitor to a new contact.
/// </summary>
public sealed class CrashDurabilityTests
{
    private const string AdminPassword = "crash-test-admin-password";
    private static readonly Dictionary<string, string> Environment = new() { ["Api__AdminUser"] = "admin", ["Api__AdminPassword"] = AdminPassword };

    [Fact]
    public async Task Every_answered_hit_and_the_lastActive_it_set_survive_a_kill_9_of_the_process()
    {
        var folder = Directory.CreateTempSubdirectory("actors-crash-").FullName;
        var answered = new ConcurrentBag<(long ContactId, string Url)>();
        var devices = new ConcurrentDictionary<string, long>();
        try
        {
            await using (var first = HostProcess.Start("Actors.Api.dll", Environment, workingDirectory: folder))
            {
                await first.WaitForStatusAsync("/readyz", HttpStatusCode.OK);
                using var stop = new CancellationTokenSource();
                var visitors = Enumerable.Range(0, 16).Select(v => Task.Run(() => VisitUntilStoppedAsync(first.Client, v, answered, devices, stop.Token))).ToArray();
                await Task.Delay(TimeSpan.FromSeconds(2));
                await first.KillAsync();
                stop.Cancel();
                await Task.WhenAll(visitors);
            }
            Assert.True(answered.Count > 20, $"only {answered.Count} hits were answered before the kill");

            await using var second = HostProcess.Start("Actors.Api.dll", Environment, workingDirectory: folder);
            await second.WaitForStatusAsync("/readyz", HttpStatusCode.OK);
            second.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + AdminPassword)));
            foreach (var contact in answered.GroupBy(hit => hit.ContactId))
            {
                var activity = JsonNode.Parse(await second.Client.GetStringAsync($"/api/contacts/{contact.Key}/activity?filters[includeEvents][]=page.hit&limit=1000"))!;
                var events = activity["events"]!.AsArray();
                var stored = events.Select(e => (string)e!["details"]!["hit"]!["url"]!).ToHashSet();
                Assert.All(contact, hit => Assert.Contains(hit.Url, stored));
                // Most of these hits changed nothing but lastActive, so only the timeline held it when the process died.
                var newestHit = events.Max(e => DateTimeOffset.Parse((string)e!["timestamp"]!, CultureInfo.InvariantCulture));
                var reloaded = JsonNode.Parse(await second.Client.GetStringAsync($"/api/contacts/{contact.Key}"))!["contact"]!;
                Assert.Equal(newestHit, DateTimeOffset.Parse((string)reloaded["lastActive"]!, CultureInfo.InvariantCulture));
            }
            foreach (var (device, contactId) in devices)
            {
                using var response = await second.Client.PostAsync("/mtc/event", new FormUrlEncodedContent(new Dictionary<string, string> { ["mautic_device_id"] = device }));
                var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Equal(device, (string)reply["device_id"]!);
                Assert.Equal(contactId, (long)reply["id"]!);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One visitor sending hits one after another, noting each one the service answered.</summary>
    private static async Task VisitUntilStoppedAsync(HttpClient service, int visitor, ConcurrentBag<(long, string)> answered,
        ConcurrentDictionary<string, long> devices, CancellationToken stop)
    {
        string? device = null;
        for (var hit = 0; !stop.IsCancellationRequested; hit++)
        {
            var url = $"https://shop.example/visitor/{visitor}/hit/{hit}";
            var form = new Dictionary<string, string> { ["page_url"] = url };
            if (device is not null)
                form["mautic_device_id"] = device;
            try
            {
                using var response = await service.PostAsync("/mtc/event", new FormUrlEncodedContent(form), stop);
                var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync(stop))!;
                if (response.StatusCode != HttpStatusCode.OK || (int)reply["success"]! != 1)
                    continue;
                device = (string)reply["device_id"]!;
                answered.Add(((long)reply["id"]!, url));
                devices[device] = (long)reply["id"]!;
            }
            catch (Exception unanswered) when (unanswered is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
            {
                // The process died under this request: it was never answered, so nothing is owed.
            }
        }
    }
}
