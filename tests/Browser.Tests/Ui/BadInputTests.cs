using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>What the screens show for input the server refuses: the API's message where it belongs, never a stack trace.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BadInputTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task A_bad_sort_column_an_unknown_contact_and_an_unknown_page_each_say_what_is_wrong_without_a_stack_trace()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        await ui.SignInAsync("/ui/contacts?orderBy=no_such_column");

        await Assertions.Expect(ui.Page.Locator("#search-error")).ToContainTextAsync("no_such_column");
        await AssertNoStackTraceAsync(ui.Page);

        await ui.Page.GotoAsync("/ui/contacts/987654");
        await Assertions.Expect(ui.Page.Locator("#page-error")).ToHaveTextAsync("There is no such contact, or it was deleted.");
        await AssertNoStackTraceAsync(ui.Page);

        await ui.Page.GotoAsync("/ui/no/such/page");
        await Assertions.Expect(ui.Page.Locator("h1")).ToHaveTextAsync("Page not found");
    }

    private static async Task AssertNoStackTraceAsync(IPage page)
    {
        var text = await page.InnerTextAsync("body");
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
    }
}
