using System.Text;
using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>
/// The import wizard's first two steps, which run in the browser: the upload with its delimiter, enclosure and escape,
/// and the mapping screen built from the file's header.
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
        await ui.Page.SetInputFilesAsync("#import-file", new FilePayload { Name = "contacts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await ui.Page.FillAsync("#import-delimiter", ";");
        await ui.Page.FillAsync("#import-enclosure", "'");
        await ui.Page.ClickAsync("#import-upload-button");

        var mapping = ui.Page.Locator("#import-mapping select.mapping");
        await Assertions.Expect(mapping).ToHaveCountAsync(4);
        Assert.Equal(["E-mail", "First Name", "Favourite; colour", "Tags"],
            await mapping.EvaluateAllAsync<string[]>("selects => selects.map(s => s.dataset.column)"));
        Assert.Equal(["email", "firstname", "", "tags"], await mapping.EvaluateAllAsync<string[]>("selects => selects.map(s => s.value)"));
    }
}
