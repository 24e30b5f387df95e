using System.Net;
using System.Net.Http.Json;
using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>The contact screen: a tracked visitor's history, and merging two contacts from the merge dialog, which says which values win.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContactDetailTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task A_pixel_hit_of_the_visitor_appears_in_the_open_contacts_timeline_with_its_details()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var (contactId, deviceId) = await ui.PixelAsync("https://shop.example.com/pricing", device: null);
        await ui.SignInAsync($"/ui/contacts/{contactId}");
        await ui.Page.Locator("#timeline li.event[data-type='page.hit']").First.WaitForAsync();
        Assert.Equal(1, await ui.Page.Locator("#timeline li.event[data-type='page.hit']").CountAsync());

        await ui.PixelAsync("https://shop.example.com/checkout", deviceId);
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
    public async Task Tags_and_do_not_contact_change_from_the_contact_screen_and_the_chart_has_a_point_per_month()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var id = await ui.CreateContactAsync(new { firstname = "Tagged", email = "tagged@example.com", tags = new[] { "old" } });
        using (var points = await ui.Service.Client.PostAsync($"/api/contacts/{id}/points/plus/5", null))
            Assert.Equal(HttpStatusCode.OK, points.StatusCode);
        await ui.SignInAsync($"/ui/contacts/{id}");

        await Assertions.Expect(ui.Page.Locator("svg.chart circle.series-engagements")).ToHaveCountAsync(6);
        await Assertions.Expect(ui.Page.Locator("svg.chart circle.series-points")).ToHaveCountAsync(6);
        Assert.EndsWith(": 5", await ui.Page.Locator("svg.chart circle.series-points title").Last.TextContentAsync());

        await ui.Page.FillAsync("#tag-input", "new");
        await ui.Page.PressAsync("#tag-input", "Enter");
        await Assertions.Expect(ui.Page.Locator("#tags .tag")).ToHaveCountAsync(2);
        await ui.Page.ClickAsync("#tags button[title='Remove old']");
        await Assertions.Expect(ui.Page.Locator("#tags .tag")).ToHaveTextAsync(["new×"]);
        await ui.Page.CheckAsync("#dnc-email");
        await Assertions.Expect(ui.Page.Locator("#dnc")).ToContainTextAsync("email: manually");

        var stored = (await ui.GetJsonAsync($"/api/contacts/{id}"))["contact"]!;
        Assert.Equal(["new"], stored["tags"]!.AsArray().Select(t => (string)t!["tag"]!));
        Assert.Equal("email", (string?)stored["doNotContact"]![0]!["channel"]);
    }

    [Fact]
    public async Task Merging_from_the_dialog_leaves_one_contact_with_both_histories()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var winner = await ui.CreateContactAsync(new { firstname = "Mary", lastname = "Winner", email = "mary@example.com", tags = new[] { "kept" } });
        var loser = await ui.CreateContactAsync(new { firstname = "Mary", lastname = "Duplicate", email = "mary.dup@example.com", city = "Leeds" });
        using (var points = await ui.Service.Client.PostAsync($"/api/contacts/{loser}/points/plus/7", null))
            Assert.Equal(HttpStatusCode.OK, points.StatusCode);
        // The winner's city is changed after the loser's, and the loser's last name after the winner's.
        using (var city = await ui.Service.Client.PatchAsJsonAsync($"/api/contacts/{winner}/edit", new { city = "Paris" }))
            Assert.Equal(HttpStatusCode.OK, city.StatusCode);
        await ui.SignInAsync($"/ui/contacts/{winner}");

        await ui.Page.ClickAsync("#merge-contact");
        await Assertions.Expect(ui.Page.Locator("#merge-rule")).ToHaveTextAsync(
            $"Where both contacts have a value for a field, the one changed more recently is kept (#{winner}'s on a tie), #{winner} keeps its owner and stage if it has them, "
            + "a value only one of them has is kept, points are added up, and tags, segments, devices, notes and history are combined.");
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

        // As the dialog says: each field holds the value changed last.
        var merged = (await ui.GetJsonAsync($"/api/contacts/{winner}"))["contact"]!["fields"]!["all"]!;
        Assert.Equal("Paris", (string?)merged["city"]);
        Assert.Equal("Duplicate", (string?)merged["lastname"]);
        var listed = await ui.GetJsonAsync("/api/contacts?search=mary");
        Assert.Equal("1", (string?)listed["total"]);
        Assert.Equal(winner, (long)(await ui.GetJsonAsync($"/api/contacts/{loser}"))["contact"]!["id"]!);
    }
}
