using System.Text.Json.Nodes;
using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>
/// The edit form keeps what it does not change: a control per field type, only the changed fields sent, input the
/// browser cannot read stopped at its field, and what was typed kept across an ended session.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContactFormTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Saving_the_edit_form_unchanged_sends_nothing_and_every_field_stays_as_it_was()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var id = await CreateContactWithEveryTypeAsync(ui);
        var before = (await FieldsAsync(ui, id)).ToJsonString();
        await ui.SignInAsync($"/ui/contacts/{id}/edit");
        var writes = OperatorUi.RecordWrites(ui.Page);

        await Assertions.Expect(ui.Page.Locator("textarea#field-bio")).ToHaveValueAsync("Line1\nLine2");
        await Assertions.Expect(ui.Page.Locator("select#field-plan option")).ToHaveTextAsync(["—", "Gold", "Silver"]);
        await Assertions.Expect(ui.Page.Locator("select#field-plan")).ToHaveValueAsync("gold");
        await Assertions.Expect(ui.Page.Locator("select#field-interests[multiple]")).ToHaveValuesAsync(["a", "b"]);
        await Assertions.Expect(ui.Page.Locator("select#field-subscribed option")).ToHaveTextAsync(["Not set", "Ja", "Nein"]);
        await Assertions.Expect(ui.Page.Locator("select#field-subscribed")).ToHaveValueAsync("");
        await Assertions.Expect(ui.Page.Locator("input#field-score[type=number]")).ToHaveValueAsync("42");
        await Assertions.Expect(ui.Page.Locator("input#field-birthday[type=date]")).ToHaveValueAsync("1990-05-01");
        await Assertions.Expect(ui.Page.Locator("input#field-met_at[type=datetime-local]")).Not.ToHaveValueAsync("");
        await Assertions.Expect(ui.Page.Locator("input#field-call_at[type=time]")).ToHaveValueAsync("09:30:00");
        await Assertions.Expect(ui.Page.Locator("input#field-email[type=email]")).ToHaveValueAsync("ada@example.com");
        await ui.ScreenshotAsync("ui-contact-edit-every-type");

        await ui.Page.ClickAsync("#save");
        await ui.Page.WaitForURLAsync(url => url.EndsWith($"/ui/contacts/{id}", StringComparison.Ordinal));

        Assert.Empty(writes);
        Assert.Equal(before, (await FieldsAsync(ui, id)).ToJsonString());
    }

    [Fact]
    public async Task A_save_sends_only_the_changed_fields_and_the_details_show_a_booleans_label()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var id = await CreateContactWithEveryTypeAsync(ui);
        await ui.SignInAsync($"/ui/contacts/{id}/edit");
        var writes = OperatorUi.RecordWrites(ui.Page);

        await ui.Page.SelectOptionAsync("#field-plan", "silver");
        await ui.Page.SelectOptionAsync("#field-interests", new[] { "a", "b", "c" });
        await ui.Page.SelectOptionAsync("#field-subscribed", "1");
        await ui.Page.FillAsync("#field-bio", "Line1\nLine2\nLine3");
        await ui.Page.ClickAsync("#save");
        await ui.Page.WaitForURLAsync(url => url.EndsWith($"/ui/contacts/{id}", StringComparison.Ordinal));

        var sent = JsonNode.Parse(writes.Single().Split(' ', 3)[2])!.AsObject();
        Assert.Equal(["bio", "interests", "overwriteWithBlank", "plan", "subscribed"], sent.Select(m => m.Key).Order(StringComparer.Ordinal));
        var stored = await FieldsAsync(ui, id);
        Assert.Equal("silver", (string?)stored["plan"]);
        Assert.Equal("a|b|c", (string?)stored["interests"]);
        Assert.Equal("1", (string?)stored["subscribed"]);
        Assert.Equal("Line1\nLine2\nLine3", (string?)stored["bio"]);
        Assert.Equal("42", stored["score"]!.ToJsonString().Trim('"'));
        await Assertions.Expect(ui.Page.Locator("#fields td[data-alias=subscribed]")).ToHaveTextAsync("Ja");
        await Assertions.Expect(ui.Page.Locator("#fields td[data-alias=plan]")).ToHaveTextAsync("Silver");
    }

    [Fact]
    public async Task A_number_the_browser_cannot_read_stops_the_save_at_its_field_and_nothing_is_sent()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var id = await CreateContactWithEveryTypeAsync(ui);
        await ui.SignInAsync($"/ui/contacts/{id}/edit");
        var writes = OperatorUi.RecordWrites(ui.Page);

        var score = ui.Page.Locator("#field-score");
        await score.FillAsync("");
        await score.PressSequentiallyAsync("42e");
        Assert.True(await score.EvaluateAsync<bool>("input => input.validity.badInput"));
        await ui.Page.ClickAsync("#save");

        await Assertions.Expect(ui.Page.Locator("#error-score")).Not.ToBeEmptyAsync();
        await Assertions.Expect(ui.Page.Locator(".field.invalid[data-alias=score]")).ToHaveCountAsync(1);
        Assert.EndsWith($"/ui/contacts/{id}/edit", ui.Page.Url);
        Assert.Empty(writes);
        Assert.Equal("42", (await FieldsAsync(ui, id))["score"]!.ToJsonString().Trim('"'));
    }

    [Fact]
    public async Task Two_tabs_editing_one_contact_keep_each_others_change()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var id = await ui.CreateContactAsync(new { firstname = "Ada", city = "Paris", email = "ada@example.com" });
        await ui.SignInAsync($"/ui/contacts/{id}/edit");
        var tabA = ui.Page;
        var tabB = await tabA.Context.NewPageAsync();
        await tabB.GotoAsync($"/ui/contacts/{id}/edit");
        await Assertions.Expect(tabA.Locator("#field-city")).ToHaveValueAsync("Paris");
        await Assertions.Expect(tabB.Locator("#field-city")).ToHaveValueAsync("Paris");

        await tabB.FillAsync("#field-city", "Berlin");
        await tabB.ClickAsync("#save");
        await tabB.WaitForURLAsync(url => url.EndsWith($"/ui/contacts/{id}", StringComparison.Ordinal));
        await tabA.FillAsync("#field-firstname", "Adeline");
        await tabA.ClickAsync("#save");
        await tabA.WaitForURLAsync(url => url.EndsWith($"/ui/contacts/{id}", StringComparison.Ordinal));

        var stored = await FieldsAsync(ui, id);
        Assert.Equal("Adeline", (string?)stored["firstname"]);
        Assert.Equal("Berlin", (string?)stored["city"]);
    }

    [Fact]
    public async Task What_was_typed_before_the_session_ended_is_back_in_the_form_once_after_signing_in()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        var id = await CreateContactWithEveryTypeAsync(ui);
        await ui.SignInAsync($"/ui/contacts/{id}/edit");
        var uncaught = OperatorUi.RecordUncaughtErrors(ui.Page);
        await ui.Page.FillAsync("#field-firstname", "Typed");
        await ui.Page.FillAsync("#field-email", "typed@example.com");
        await ui.Page.SelectOptionAsync("#field-interests", new[] { "c" });
        await ui.Page.FillAsync("#field-bio", "Kept\nlines");

        // Signing out in another tab ends the session the form's page still shows.
        var other = await ui.Page.Context.NewPageAsync();
        await other.GotoAsync("/ui/contacts");
        await other.ClickAsync("#logout");
        await other.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ui/login");
        await other.CloseAsync();

        await ui.Page.ClickAsync("#save");
        await Assertions.Expect(ui.Page.Locator("#login-notice")).ToContainTextAsync("session has ended");
        await ui.SubmitLoginAsync(OperatorUi.AdminPassword);

        await Assertions.Expect(ui.Page.Locator("#draft-notice")).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.Locator("#field-firstname")).ToHaveValueAsync("Typed");
        await Assertions.Expect(ui.Page.Locator("#field-email")).ToHaveValueAsync("typed@example.com");
        await Assertions.Expect(ui.Page.Locator("#field-interests")).ToHaveValuesAsync(["c"]);
        await Assertions.Expect(ui.Page.Locator("#field-bio")).ToHaveValueAsync("Kept\nlines");
        Assert.Empty(uncaught);
        Assert.Equal("Ada", (string?)(await FieldsAsync(ui, id))["firstname"]);

        // Put back once: a reload shows the contact as stored.
        await ui.Page.ReloadAsync();
        await Assertions.Expect(ui.Page.Locator("#field-firstname")).ToHaveValueAsync("Ada");
        await Assertions.Expect(ui.Page.Locator("#draft-notice")).ToHaveCountAsync(0);
    }

    /// <summary>A contact with a field of each type the form draws its own control for; the boolean is left unset.</summary>
    private static async Task<long> CreateContactWithEveryTypeAsync(OperatorUi ui)
    {
        await ui.CreateFieldAsync(new { label = "Bio", alias = "bio", type = "textarea" });
        await ui.CreateFieldAsync(new { label = "Subscribed", alias = "subscribed", type = "boolean", properties = new { yes = "Ja", no = "Nein" } });
        await ui.CreateFieldAsync(new { label = "Plan", alias = "plan", type = "select", properties = new { list = new[] { new { label = "Gold", value = "gold" }, new { label = "Silver", value = "silver" } } } });
        await ui.CreateFieldAsync(new { label = "Interests", alias = "interests", type = "multiselect", properties = new { list = new[] { "a", "b", "c" } } });
        await ui.CreateFieldAsync(new { label = "Score", alias = "score", type = "number" });
        await ui.CreateFieldAsync(new { label = "Birthday", alias = "birthday", type = "date" });
        await ui.CreateFieldAsync(new { label = "Met at", alias = "met_at", type = "datetime" });
        await ui.CreateFieldAsync(new { label = "Call at", alias = "call_at", type = "time" });
        return await ui.CreateContactAsync(new
        {
            firstname = "Ada", email = "ada@example.com", bio = "Line1\nLine2", plan = "gold", interests = new[] { "a", "b" },
            score = 42, birthday = "1990-05-01", met_at = "2026-11-23 14:00:00", call_at = "09:30:00",
        });
    }

    private static async Task<JsonObject> FieldsAsync(OperatorUi ui, long id)
        => (await ui.GetJsonAsync($"/api/contacts/{id}"))["contact"]!["fields"]!["all"]!.AsObject();
}
