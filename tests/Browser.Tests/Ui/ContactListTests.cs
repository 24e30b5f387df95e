using System.Net.Http.Json;
using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>The contacts list and the forms that add contacts: search, sorting, quick add, and a duplicate identifier reported at its field.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContactListTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task The_search_box_takes_the_api_search_syntax_and_the_columns_sort()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        await ui.CreateContactAsync(new { firstname = "Ada", lastname = "Lovelace", email = "ada@example.com", city = "London", tags = new[] { "vip" } });
        await ui.CreateContactAsync(new { firstname = "Grace", lastname = "Hopper", email = "grace@example.com", city = "New York" });
        await ui.CreateContactAsync(new { firstname = "Alan", lastname = "Turing", email = "alan@example.com", city = "London" });
        await ui.SignInAsync();

        await ui.Page.FillAsync("#search", "city:London !tag:vip");
        await ui.Page.ClickAsync("#search-form button[type=submit]");
        await ui.Page.WaitForURLAsync(url => url.Contains("search=", StringComparison.Ordinal));
        await Assertions.Expect(ui.Page.Locator("#contacts a.contact-link")).ToHaveTextAsync(["Alan Turing"]);
        Assert.Equal("1 contact", await ui.Page.TextContentAsync("#total"));

        await ui.Page.FillAsync("#search", "");
        await ui.Page.ClickAsync("#search-form button[type=submit]");
        await ui.Page.ClickAsync("a.sort[data-column=email]");
        await ui.Page.WaitForURLAsync(url => url.Contains("orderBy=email", StringComparison.Ordinal));
        await Assertions.Expect(ui.Page.Locator("#contacts a.contact-link")).ToHaveTextAsync(["Ada Lovelace", "Alan Turing", "Grace Hopper"]);
        await ui.Page.ClickAsync("a.sort[data-column=email]");
        await ui.Page.WaitForURLAsync(url => url.Contains("orderByDir=DESC", StringComparison.Ordinal));
        await Assertions.Expect(ui.Page.Locator("#contacts a.contact-link")).ToHaveTextAsync(["Grace Hopper", "Alan Turing", "Ada Lovelace"]);
    }

    [Fact]
    public async Task Anonymous_visitors_are_hidden_until_asked_for_and_checked_rows_take_the_batch_actions()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var (visitor, _) = await ui.PixelAsync("https://shop.example.com/", device: null);
        var first = await ui.CreateContactAsync(new { firstname = "First", email = "first@example.com" });
        var second = await ui.CreateContactAsync(new { firstname = "Second", email = "second@example.com" });
        await ui.CreateContactAsync(new { firstname = "Third", email = "third@example.com" });
        await ui.SignInAsync();

        var rows = ui.Page.Locator("#contacts tbody tr[data-id]");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await ui.Page.CheckAsync("#show-anonymous");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        await Assertions.Expect(ui.Page.Locator($"#contacts tr[data-id='{visitor}']")).ToContainTextAsync($"Anonymous #{visitor}");
        await ui.Page.UncheckAsync("#show-anonymous");
        await Assertions.Expect(rows).ToHaveCountAsync(3);

        await ui.Page.CheckAsync($"#contacts tr[data-id='{first}'] input.select-row");
        await ui.Page.CheckAsync($"#contacts tr[data-id='{second}'] input.select-row");
        await Assertions.Expect(ui.Page.Locator("#batch-actions .count")).ToHaveTextAsync("2 selected:");
        await ui.Page.FillAsync("#batch-tag", "picked");
        await ui.Page.ClickAsync("#batch-actions button:text-is('Add tag')");
        // The list reloads when the batch is done, with nothing selected.
        await Assertions.Expect(ui.Page.Locator("#batch-actions")).ToBeHiddenAsync();
        await ui.Page.FillAsync("#search", "tag:picked");
        await ui.Page.ClickAsync("#search-form button[type=submit]");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        await ui.Page.CheckAsync("#select-all");
        await ui.Page.ClickAsync("#batch-actions button:text-is('Delete')");
        await Assertions.Expect(ui.Page.Locator("#confirm-dialog")).ToContainTextAsync("Delete 2 contacts?");
        await ui.Page.ClickAsync("#confirm-no");
        await Assertions.Expect(ui.Page.Locator("#confirm-dialog")).ToHaveCountAsync(0);
        Assert.Equal("3", (string?)(await ui.GetJsonAsync("/api/contacts?search=!is:anonymous"))["total"]);
        await ui.Page.ClickAsync("#batch-actions button:text-is('Delete')");
        await ui.Page.ClickAsync("#confirm-yes");
        await Assertions.Expect(ui.Page.Locator("#total")).ToHaveTextAsync("0 contacts");
        Assert.Equal("1", (string?)(await ui.GetJsonAsync("/api/contacts?search=!is:anonymous"))["total"]);
    }

    [Fact]
    public async Task A_search_naming_is_anonymous_finds_the_visitors_and_the_hidden_narrowing_takes_none_of_the_term_limit()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var (visitor, _) = await ui.PixelAsync("https://shop.example.com/", device: null);
        await ui.CreateContactAsync(new { firstname = "Ada", email = "ada@example.com" });
        await ui.CreateContactAsync(new { firstname = "Alan", email = "alan@example.com" });
        var rows = ui.Page.Locator("#contacts tbody tr[data-id]");

        await ui.SignInAsync("/ui/contacts?search=is%3Aanonymous");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToHaveAttributeAsync("data-id", visitor.ToString());
        Assert.False(await ui.Page.IsCheckedAsync("#show-anonymous"));

        await ui.Page.FillAsync("#search", "!IS:Anonymous");
        await ui.Page.ClickAsync("#search-form button[type=submit]");
        await Assertions.Expect(ui.Page.Locator($"#contacts tr[data-id='{visitor}']")).ToHaveCountAsync(0);
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        // The search's limit is the operator's own 100 terms; a 101st is refused with the API's message.
        await ui.Page.FillAsync("#search", string.Join(' ', Enumerable.Repeat("example.com", 100)));
        await ui.Page.ClickAsync("#search-form button[type=submit]");
        await Assertions.Expect(ui.Page.Locator("#total")).ToHaveTextAsync("2 contacts");
        await ui.Page.FillAsync("#search", string.Join(' ', Enumerable.Repeat("example.com", 101)));
        await ui.Page.ClickAsync("#search-form button[type=submit]");
        await Assertions.Expect(ui.Page.Locator("#search-error")).ToHaveTextAsync("search: at most 100 terms; this one has 101.");
    }

    [Fact]
    public async Task A_page_past_the_last_shows_the_last_page_and_the_address_says_so()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var contacts = Enumerable.Range(1, 31).Select(i => new { firstname = $"Person {i}", email = $"person{i}@example.com" }).ToArray();
        using (var batch = await ui.Service.Client.PostAsJsonAsync("/api/contacts/batch/new", contacts))
            Assert.Equal(System.Net.HttpStatusCode.Created, batch.StatusCode);

        await ui.SignInAsync("/ui/contacts?page=99");

        await Assertions.Expect(ui.Page.Locator("#page")).ToHaveTextAsync("Page 2 of 2");
        await Assertions.Expect(ui.Page.Locator("#contacts tbody tr[data-id]")).ToHaveCountAsync(1);
        Assert.Equal("2", System.Web.HttpUtility.ParseQueryString(new Uri(ui.Page.Url).Query)["page"]);
        Assert.True(await ui.Page.IsDisabledAsync("#next-page"));
    }

    [Fact]
    public async Task Quick_add_creates_a_contact_and_opens_it()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        await ui.SignInAsync();

        await ui.Page.ClickAsync("#quick-add");
        var dialog = ui.Page.Locator("#quick-add-dialog");
        await dialog.Locator("#field-firstname").FillAsync("Katherine");
        await dialog.Locator("#field-lastname").FillAsync("Johnson");
        await dialog.Locator("#field-email").FillAsync("katherine@example.com");
        await ui.ScreenshotAsync("ui-quick-add-dialog");
        await ui.Page.ClickAsync("#quick-add-save");

        // Opened rather than left in the list, where the default order (last active first, as Mautic's) puts a contact
        // that was never active after every one that was.
        await Assertions.Expect(ui.Page.Locator("#contact-name")).ToHaveTextAsync("Katherine Johnson");
        var stored = await ui.GetJsonAsync("/api/contacts?search=email:katherine@example.com");
        Assert.Equal("1", (string?)stored["total"]);
        Assert.EndsWith($"/ui/contacts/{(string?)stored["contacts"]!.AsObject().First().Key}", ui.Page.Url);
    }

    [Fact]
    public async Task A_duplicate_email_is_reported_next_to_the_field_and_nothing_is_written()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var existing = await ui.CreateContactAsync(new { firstname = "Taken", email = "taken@example.com" });
        await ui.SignInAsync("/ui/contacts/new");

        await ui.Page.FillAsync("#field-firstname", "Someone Else");
        await ui.Page.FillAsync("#field-email", "Taken@Example.com");
        await ui.Page.ClickAsync("#save");

        var error = ui.Page.Locator("#error-email");
        await Assertions.Expect(error).ToContainTextAsync($"Contact #{existing} already has this email");
        Assert.EndsWith("/ui/contacts/new", ui.Page.Url);
        var owner = await ui.GetJsonAsync($"/api/contacts/{existing}");
        Assert.Equal("Taken", (string?)owner["contact"]!["fields"]!["all"]!["firstname"]);

        await ui.Page.FillAsync("#field-email", "not an email");
        await ui.Page.ClickAsync("#save");
        await Assertions.Expect(error).ToHaveTextAsync("Enter a valid email address.");
    }

    [Fact]
    public async Task Editing_a_contact_onto_another_contacts_email_shows_the_apis_error_at_the_field()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        await ui.CreateContactAsync(new { email = "first@example.com" });
        var second = await ui.CreateContactAsync(new { firstname = "Second", email = "second@example.com" });
        await ui.SignInAsync($"/ui/contacts/{second}/edit");

        await ui.Page.Locator(".tabs button[data-group=social]").ClickAsync();
        await ui.Page.Locator(".tabs button[data-group=core]").ClickAsync();
        await ui.Page.FillAsync("#field-email", "first@example.com");
        await ui.Page.ClickAsync("#save");

        await Assertions.Expect(ui.Page.Locator("#error-email")).ToContainTextAsync("already has this email");
        Assert.Equal("second@example.com", (string?)(await ui.GetJsonAsync($"/api/contacts/{second}"))["contact"]!["fields"]!["all"]!["email"]);
    }

    [Fact]
    public async Task Checked_rows_join_a_segment_and_take_do_not_contact_through_the_batch_action_endpoints()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var ada = await ui.CreateContactAsync(new { firstname = "Ada", email = "ada@example.com" });
        var alan = await ui.CreateContactAsync(new { firstname = "Alan", email = "alan@example.com" });
        var grace = await ui.CreateContactAsync(new { firstname = "Grace", email = "grace@example.com" });
        using (var created = await ui.Service.Client.PostAsJsonAsync("/api/segments/new", new { name = "Newsletter" }))
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        await ui.SignInAsync();

        foreach (var id in new[] { ada, alan })
            await ui.Page.CheckAsync($"#contacts tr[data-id='{id}'] input.select-row");
        await ui.Page.SelectOptionAsync("#batch-segment", new SelectOptionValue { Label = "Newsletter" });
        await ui.ScreenshotAsync("ui-contacts-batch-actions");
        await ui.Page.ClickAsync("#batch-segment-add");
        await Assertions.Expect(ui.Page.Locator("#batch-actions")).ToBeHiddenAsync();

        await ui.Page.FillAsync("#search", "segment:newsletter");
        await ui.Page.ClickAsync("#search-form button[type=submit]");
        await Assertions.Expect(ui.Page.Locator("#contacts a.contact-link")).ToHaveCountAsync(2);
        await ui.Page.CheckAsync("#select-all");
        await ui.Page.ClickAsync("#batch-dnc");
        await Assertions.Expect(ui.Page.Locator("#batch-actions")).ToBeHiddenAsync();

        foreach (var id in new[] { ada, alan })
            Assert.Equal("email", (string?)(await ui.GetJsonAsync($"/api/contacts/{id}"))["contact"]!["doNotContact"]![0]!["channel"]);
        Assert.Empty((await ui.GetJsonAsync($"/api/contacts/{grace}"))["contact"]!["doNotContact"]!.AsArray());
    }
}
