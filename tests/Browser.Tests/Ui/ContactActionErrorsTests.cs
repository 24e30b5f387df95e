using System.Net;
using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>What the contact screen's actions show when the API refuses them, and Delete asking first.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContactActionErrorsTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Refused_tag_do_not_contact_and_delete_actions_say_why_on_the_contact_screen()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var id = await ui.CreateContactAsync(new { firstname = "Refused", email = "refused@example.com" });
        await ui.SignInAsync($"/ui/contacts/{id}");
        var uncaught = OperatorUi.RecordUncaughtErrors(ui.Page);

        await ui.Page.FillAsync("#tag-input", "a,b");
        await ui.Page.PressAsync("#tag-input", "Enter");
        await Assertions.Expect(ui.Page.Locator("#tags-error")).ToContainTextAsync("holds a comma");

        // Delete asks first; Cancel keeps the contact.
        await ui.Page.ClickAsync("#delete-contact");
        await Assertions.Expect(ui.Page.Locator("#confirm-dialog")).ToContainTextAsync($"#{id}");
        await ui.Page.ClickAsync("#confirm-no");
        await Assertions.Expect(ui.Page.Locator("#confirm-dialog")).ToHaveCountAsync(0);
        using (var kept = await ui.Service.Client.GetAsync($"/api/contacts/{id}"))
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);

        // Deleted elsewhere: the switch and Delete meet a 404 and say so.
        using (var deleted = await ui.Service.Client.DeleteAsync($"/api/contacts/{id}/delete"))
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        // A click rather than CheckAsync: the refused switch goes back to unchecked, which CheckAsync would call a failure.
        await ui.Page.ClickAsync("#dnc-email");
        await Assertions.Expect(ui.Page.Locator("#dnc-error")).ToHaveTextAsync("Item was not found.");
        await Assertions.Expect(ui.Page.Locator("#dnc-email")).Not.ToBeCheckedAsync();

        await ui.Page.ClickAsync("#delete-contact");
        await ui.Page.ClickAsync("#confirm-yes");
        await Assertions.Expect(ui.Page.Locator("#contact-error")).ToHaveTextAsync("Item was not found.");
        Assert.EndsWith($"/ui/contacts/{id}", ui.Page.Url);
        Assert.Empty(uncaught);
    }
}
