using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>The contacts list's export buttons download the list's current search from GET /api/contacts/export.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContactExportTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task The_csv_export_button_downloads_the_rows_of_the_current_search()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        await ui.CreateContactAsync(new { firstname = "Ada", email = "ada@example.com", city = "London" });
        await ui.CreateContactAsync(new { firstname = "Alan", email = "alan@example.com", city = "London" });
        await ui.CreateContactAsync(new { firstname = "Grace", email = "grace@example.com", city = "Arlington" });
        await ui.SignInAsync("/ui/contacts?search=city%3ALondon");
        await Assertions.Expect(ui.Page.Locator("#contacts a.contact-link")).ToHaveCountAsync(2);

        var download = await ui.Page.RunAndWaitForDownloadAsync(() => ui.Page.ClickAsync("#export-csv"));
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var email = Array.IndexOf(header, "email");
        Assert.True(email >= 0, lines[0]);
        Assert.Equal(["ada@example.com", "alan@example.com"], lines.Skip(1).Select(l => l.Split(',')[email].Trim('"')).Order());

        var excel = await ui.Page.RunAndWaitForDownloadAsync(() => ui.Page.ClickAsync("#export-xlsx"));
        Assert.EndsWith(".xlsx", excel.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await excel.PathAsync());
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
    }
}
