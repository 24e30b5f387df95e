using System.Text;
using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>
/// The import wizard: the upload with its delimiter, enclosure and escape, the mapping screen built from the file's
/// header, and the progress of the background job up to its end.
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
