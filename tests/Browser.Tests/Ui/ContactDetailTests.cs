using System.Net;
using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>The contact screen: a tracked visitor's history, and merging two contacts from the merge dialog.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContactDetailTests(ChromiumFixture chromium)
{
    private const string BrowserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

    [Fact]
    public async Task A_pixel_hit_of_the_visitor_appears_in_the_open_contacts_timeline_with_its_details()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var (contactId, deviceId) = await PixelAsync(ui, "https://shop.example.com/pricing", device: null);
        await ui.SignInAsync($"/ui/contacts/{contactId}");
        await ui.Page.Locator("#timeline li.event[data-type='page.hit']").First.WaitForAsync();
        Assert.Equal(1, await ui.Page.Locator("#timeline li.event[data-type='page.hit']").CountAsync());

        await PixelAsync(ui, "https://shop.example.com/checkout", deviceId);
        await ui.Page.ClickAsync("#timeline-refresh");

        var hits = ui.Page.Locator("#timeline li.event[data-type='page.hit']");
        await Assertions.Expect(hits).ToHaveCountAsync(2);
        var newest = hits.First;
        await newest.Locator(".event-toggle").ClickAsync();
        await Assertions.Expect(newest.Locator("dl.event-details")).ToContainTextAsync("https://shop.example.com/checkout");
        await Assertions.Expect(ui.Page.Locator("#devices")).ToContainTextAsync(deviceId);

        // The type filter hides what it excludes.
        await ui.Page.SelectOptionAsync("select[data-type='page.hit']", "exclude");
        await Assertions.Expect(hits).ToHaveCountAsync(0);
        await Assertions.Expect(ui.Page.Locator("#timeline li.event")).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Merging_from_the_dialog_leaves_one_contact_with_both_histories()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var winner = await ui.CreateContactAsync(new { firstname = "Mary", lastname = "Winner", email = "mary@example.com", tags = new[] { "kept" } });
        var loser = await ui.CreateContactAsync(new { firstname = "Mary", lastname = "Duplicate", email = "mary.dup@example.com" });
        using (var points = await ui.Service.Client.PostAsync($"/api/contacts/{loser}/points/plus/7", null))
            Assert.Equal(HttpStatusCode.OK, points.StatusCode);
        await ui.SignInAsync($"/ui/contacts/{winner}");

        await ui.Page.ClickAsync("#merge-contact");
        await ui.Page.Locator("#merge-search").PressSequentiallyAsync("mary.dup");
        var candidate = ui.Page.Locator($"#merge-results button[data-id='{loser}']");
        await candidate.WaitForAsync();
        await ui.ScreenshotAsync("ui-merge-dialog");
        await candidate.ClickAsync();
        await ui.Page.ClickAsync("#merge-confirm");

        await ui.Page.WaitForURLAsync(url => url.EndsWith($"/ui/contacts/{winner}", StringComparison.Ordinal));
        await Assertions.Expect(ui.Page.Locator("#contact-points")).ToHaveTextAsync("7 points");
        var timeline = ui.Page.Locator("#timeline");
        await Assertions.Expect(timeline.Locator("li.event[data-type='point.gained']")).ToHaveCountAsync(1);
        await Assertions.Expect(timeline.Locator("li.event[data-type='lead.merged']")).ToHaveCountAsync(1);
        await Assertions.Expect(timeline.Locator("li.event[data-type='lead.tagsupdated']")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(ui.Page.Locator("#tags")).ToContainTextAsync("kept");

        var listed = await ui.GetJsonAsync("/api/contacts?search=mary");
        Assert.Equal("1", (string?)listed["total"]);
        Assert.Equal(winner, (long)(await ui.GetJsonAsync($"/api/contacts/{loser}"))["contact"]!["id"]!);
    }

    /// <summary>A browser's pixel request; answers the contact and device the tracker's cookies name.</summary>
    private static async Task<(long Contact, string Device)> PixelAsync(OperatorUi ui, string pageUrl, string? device)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/mtracking.gif?page_url={Uri.EscapeDataString(pageUrl)}&page_title=Shop");
        request.Headers.UserAgent.ParseAdd(BrowserAgent);
        if (device is not null)
            request.Headers.Add("Cookie", $"mautic_device_id={device}");
        using var plain = new HttpClient { BaseAddress = ui.Service.Client.BaseAddress };
        using var response = await plain.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)).ToDictionary(c => c[0], c => c[1]);
        return (long.Parse(cookies["mtc_id"]), cookies["mautic_device_id"]);
    }
}
