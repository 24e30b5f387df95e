using System.Text;
using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>
/// The import wizard: the upload with its delimiter, enclosure and escape, the mapping screen built from the file's
/// header, and the progress of the background job up to its end or to the operator's stop.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportWizardTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task The_upload_reads_the_header_with_the_chosen_delimiter_and_enclosure_and_proposes_a_mapping()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        await ui.SignInAsync("/ui/import");
        const string csv = "'E-mail';'First Name';'Favourite; colour';Tags\n'ada@example.com';'Ada';'blue';vip\n";

        await ui.Page.ClickAsync("#import-upload-button");
        await Assertions.Expect(ui.Page.Locator("#error-file")).ToHaveTextAsync("Choose a CSV file.");
        var mapping = await UploadAsync(ui, csv, new() { ["#import-delimiter"] = ";", ["#import-enclosure"] = "'" }, columns: 4);
        Assert.Equal(["E-mail", "First Name", "Favourite; colour", "Tags"],
            await mapping.EvaluateAllAsync<string[]>("selects => selects.map(s => s.dataset.column)"));
        Assert.Equal(["email", "firstname", "", "tags"], await mapping.EvaluateAllAsync<string[]>("selects => selects.map(s => s.value)"));
    }

    [Fact]
    public async Task Without_an_enclosure_the_escape_character_keeps_a_delimiter_inside_a_header()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        await ui.SignInAsync("/ui/import");
        const string csv = "Email,Notes\\, kept,City\nada@example.com,x,London\n";

        var mapping = await UploadAsync(ui, csv, new() { ["#import-enclosure"] = "", ["#import-escape"] = "\\" }, columns: 3);
        Assert.Equal(["Email", "Notes, kept", "City"], await mapping.EvaluateAllAsync<string[]>("selects => selects.map(s => s.dataset.column)"));
    }

    [Fact]
    public async Task An_imported_csv_follows_its_job_to_100_percent_with_the_counts_and_the_failed_line()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        await ui.CreateContactAsync(new { firstname = "Old", email = "grace@example.com" });
        await ui.SignInAsync("/ui/import");
        var refused = OperatorUi.RecordPolicyViolations(ui.Page);
        const string csv = "Email,First Name,City\nada@example.com,Ada,London\ngrace@example.com,Grace,Arlington\nnot-an-email,Broken,Nowhere\nalan@example.com,Alan,Wilmslow\n";

        await UploadAsync(ui, csv, [], columns: 3);
        await ui.Page.ClickAsync("#import-start");

        await Assertions.Expect(ui.Page.Locator("#import-percent")).ToHaveTextAsync("100%");
        await Assertions.Expect(ui.Page.Locator(".import-progress")).ToHaveAttributeAsync("data-status", "imported");
        await Assertions.Expect(ui.Page.Locator("#import-bar")).ToHaveAttributeAsync("value", "100");
        await Assertions.Expect(ui.Page.Locator("#import-counts")).ToHaveTextAsync("4 of 4 lines: 2 added, 1 updated, 1 ignored. Status: imported");
        await Assertions.Expect(ui.Page.Locator("#import-failed-lines tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(ui.Page.Locator("#import-failed-lines tbody td").First).ToHaveTextAsync("4");
        Assert.Matches(@"^/ui/import/[0-9a-f]{32}$", new Uri(ui.Page.Url).AbsolutePath);
        await ui.ScreenshotAsync("ui-import-finished");

        // The job's address reopens its progress.
        await ui.Page.ReloadAsync();
        await Assertions.Expect(ui.Page.Locator(".import-progress")).ToHaveAttributeAsync("data-status", "imported");
        await Assertions.Expect(ui.Page.Locator("#import-counts")).ToHaveTextAsync("4 of 4 lines: 2 added, 1 updated, 1 ignored. Status: imported");

        var arlington = await ui.GetJsonAsync("/api/contacts?search=city:Arlington");
        Assert.Equal("1", (string?)arlington["total"]);
        Assert.Equal("3", (string?)(await ui.GetJsonAsync("/api/contacts?search=!is:anonymous"))["total"]);
        // The bar is a <progress>: the inline style a div's width needed is refused by the UI's style-src 'self'.
        Assert.Empty(refused);
    }

    [Fact]
    public async Task A_running_import_is_stopped_from_its_panel_after_the_operator_confirms_and_shows_that_it_stopped()
    {
        // A row per batch, one at a time: the file takes minutes, so the job still runs when the operator stops it.
        await using var ui = await OperatorUi.StartAsync(chromium, new Dictionary<string, string>
        {
            ["Import__BatchSize"] = "1", ["Import__ConcurrentRows"] = "1",
        });
        await ui.SignInAsync("/ui/import");
        const int rows = 20_000;
        var csv = "Email\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"p{i}@example.com\n"));
        await UploadAsync(ui, csv, [], columns: 1);
        await ui.Page.ClickAsync("#import-start");
        var stop = ui.Page.Locator("#import-stop");
        var panel = ui.Page.Locator(".import-progress");
        await Assertions.Expect(stop).ToBeVisibleAsync();
        var id = new Uri(ui.Page.Url).AbsolutePath["/ui/import/".Length..];

        // Cancel in the confirmation leaves the job running.
        await stop.ClickAsync();
        await ui.Page.ClickAsync("#confirm-no");
        await Assertions.Expect(ui.Page.Locator("#confirm-dialog")).ToHaveCountAsync(0);
        Assert.NotEqual("stopped", (string?)(await ui.GetJsonAsync($"/api/contacts/import/{id}"))["import"]!["status"]);
        await Assertions.Expect(stop).ToBeVisibleAsync();

        await stop.ClickAsync();
        await Assertions.Expect(ui.Page.Locator("#confirm-dialog")).ToContainTextAsync($"Stop import #{id}?");
        await ui.Page.ClickAsync("#confirm-yes");

        await Assertions.Expect(panel).ToHaveAttributeAsync("data-status", "stopped");
        await Assertions.Expect(stop).ToBeHiddenAsync();
        await Assertions.Expect(ui.Page.Locator("#import-counts")).ToContainTextAsync($"of {rows} lines");
        await Assertions.Expect(ui.Page.Locator("#import-counts")).ToContainTextAsync("Status: stopped");
        var job = (await ui.GetJsonAsync($"/api/contacts/import/{id}"))["import"]!;
        Assert.Equal("stopped", (string?)job["status"]);
        Assert.InRange((int)job["insertedCount"]!, 0, rows - 1);
        Assert.Equal($"{(int)job["insertedCount"]!}", (string?)(await ui.GetJsonAsync("/api/contacts?search=!is:anonymous&limit=1"))["total"]);
        await ui.ScreenshotAsync("ui-import-stopped");

        // The job's address shows it stopped, with nothing left to stop.
        await ui.Page.ReloadAsync();
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-status", "stopped");
        await Assertions.Expect(stop).ToBeHiddenAsync();
    }

    /// <summary>Uploads <paramref name="csv"/> with the parser inputs given (selector to value) and answers the mapping screen's selects.</summary>
    private static async Task<ILocator> UploadAsync(OperatorUi ui, string csv, Dictionary<string, string> settings, int columns)
    {
        await ui.Page.SetInputFilesAsync("#import-file", new FilePayload { Name = "contacts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        foreach (var (selector, value) in settings)
            await ui.Page.FillAsync(selector, value);
        await ui.Page.ClickAsync("#import-upload-button");
        var mapping = ui.Page.Locator("#import-mapping select.mapping");
        await Assertions.Expect(mapping).ToHaveCountAsync(columns);
        return mapping;
    }
}
