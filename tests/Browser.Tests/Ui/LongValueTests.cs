using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>Values of the longest length a field takes, with nowhere to break, wrap inside their cells instead of widening the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LongValueTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task A_long_unbroken_email_and_url_wrap_in_the_list_and_the_details_panel_instead_of_widening_the_page()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var email = $"{new string('a', 64)}@{new string('b', 63)}.{new string('c', 63)}.{new string('d', 50)}.com";
        var website = "https://example.com/" + new string('x', 230);
        var id = await ui.CreateContactAsync(new { email, website });

        await ui.SignInAsync();
        await Assertions.Expect(ui.Page.Locator($"#contacts tr[data-id='{id}']")).ToContainTextAsync(email);
        Assert.False(await ui.ScrollsSidewaysAsync());

        await ui.Page.GotoAsync($"/ui/contacts/{id}");
        await Assertions.Expect(ui.Page.Locator("#fields td[data-alias=website]")).ToHaveTextAsync(website);
        await Assertions.Expect(ui.Page.Locator(".detail-header h1")).ToHaveTextAsync(email);
        Assert.False(await ui.ScrollsSidewaysAsync());
    }
}
