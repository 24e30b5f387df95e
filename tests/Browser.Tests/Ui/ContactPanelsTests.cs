using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>The contact screen's panels that write through their own endpoints: notes, and the segment and campaign switches.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContactPanelsTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task A_note_added_with_its_type_and_date_shows_in_the_notes_list_and_the_timeline()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var id = await ui.CreateContactAsync(new { firstname = "Noted", email = "noted@example.com" });
        await ui.SignInAsync($"/ui/contacts/{id}");

        await ui.Page.FillAsync("#note-text", "Called about the renewal");
        await ui.Page.SelectOptionAsync("#note-type", "call");
        await ui.Page.FillAsync("#note-date", "2026-11-23T14:30");
        await ui.Page.ClickAsync("#notes button[type=submit]");

        var note = ui.Page.Locator("#notes-list article.note");
        await Assertions.Expect(note).ToHaveCountAsync(1);
        await Assertions.Expect(note.Locator(".badge")).ToHaveTextAsync("Call");
        await Assertions.Expect(note.Locator("p")).ToHaveTextAsync("Called about the renewal");
        var shown = await note.Locator("time").TextContentAsync();
        Assert.Equal(await ui.Page.EvaluateAsync<string>("() => new Date('2026-11-23T14:30').toLocaleString()"), shown);

        var timelineNote = ui.Page.Locator("#timeline li.event[data-type='lead.note']");
        await Assertions.Expect(timelineNote).ToHaveCountAsync(1);
        await timelineNote.Locator(".event-toggle").ClickAsync();
        await Assertions.Expect(timelineNote.Locator("dl.event-details")).ToContainTextAsync("Called about the renewal");
        await ui.ScreenshotAsync("ui-contact-note");

        var stored = (await ui.GetJsonAsync($"/api/contacts/{id}/notes"))["notes"]!.AsArray().Single()!;
        Assert.Equal("call", (string?)stored["type"]);
        Assert.Equal(await ui.Page.EvaluateAsync<string>("() => new Date('2026-11-23T14:30').toISOString()"),
            DateTimeOffset.Parse((string)stored["dateTime"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_note_without_text_is_refused_next_to_the_form_and_nothing_is_stored()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var id = await ui.CreateContactAsync(new { firstname = "Silent", email = "silent@example.com" });
        await ui.SignInAsync($"/ui/contacts/{id}");

        await ui.Page.ClickAsync("#notes button[type=submit]");
        await Assertions.Expect(ui.Page.Locator("#notes .field-error")).ToHaveTextAsync("Write the note first.");
        Assert.Equal(0, (int)(await ui.GetJsonAsync($"/api/contacts/{id}/notes"))["total"]!);
    }

    [Fact]
    public async Task Segment_and_campaign_switches_turned_on_stay_on_after_a_reload()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var id = await ui.CreateContactAsync(new { firstname = "Member", email = "member@example.com" });
        var segment = await CreateAsync(ui, "/api/segments/new", "list", "Newsletter");
        await CreateAsync(ui, "/api/segments/new", "list", "Customers");
        var campaign = await CreateAsync(ui, "/api/campaigns/new", "campaign", "Welcome series");
        await ui.SignInAsync($"/ui/contacts/{id}");

        var segmentSwitch = ui.Page.Locator($"#segments input[data-id='{segment}']");
        var campaignSwitch = ui.Page.Locator($"#campaigns input[data-id='{campaign}']");
        await Assertions.Expect(ui.Page.Locator("#segments input[type=checkbox]")).ToHaveCountAsync(2);
        await Assertions.Expect(segmentSwitch).Not.ToBeCheckedAsync();
        await segmentSwitch.CheckAsync();
        await Assertions.Expect(segmentSwitch).ToBeEnabledAsync();
        await campaignSwitch.CheckAsync();
        await Assertions.Expect(campaignSwitch).ToBeEnabledAsync();
        await Assertions.Expect(ui.Page.Locator("#timeline li.event[data-type='segment_membership']")).ToHaveCountAsync(1);

        await ui.Page.ReloadAsync();
        await Assertions.Expect(segmentSwitch).ToBeCheckedAsync();
        await Assertions.Expect(campaignSwitch).ToBeCheckedAsync();
        await Assertions.Expect(ui.Page.Locator("#segments input:checked")).ToHaveCountAsync(1);
        await ui.ScreenshotAsync("ui-contact-memberships");
        Assert.Equal(segment, (long)(await ui.GetJsonAsync($"/api/contacts/{id}/segments"))["lists"]!.AsObject().Single().Value!["id"]!);
        Assert.Equal(campaign, (long)(await ui.GetJsonAsync($"/api/contacts/{id}/campaigns"))["campaigns"]!.AsObject().Single().Value!["id"]!);

        await segmentSwitch.UncheckAsync();
        await Assertions.Expect(segmentSwitch).ToBeEnabledAsync();
        await ui.Page.ReloadAsync();
        await Assertions.Expect(segmentSwitch).Not.ToBeCheckedAsync();
        Assert.Equal(0, (int)(await ui.GetJsonAsync($"/api/contacts/{id}/segments"))["total"]!);
    }

    private static async Task<long> CreateAsync(OperatorUi ui, string path, string key, string name)
    {
        using var response = await ui.Service.Client.PostAsJsonAsync(path, new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())![key]!["id"]!;
    }
}
