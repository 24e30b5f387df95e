using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>The UI's session: the login form with the API's users, sign-out, and what an ended session does.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task A_page_asks_for_the_login_a_wrong_password_is_refused_and_the_right_one_opens_the_page_asked_for()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);

        await ui.Page.GotoAsync("/ui/dashboard");
        Assert.Equal("/ui/login", new Uri(ui.Page.Url).AbsolutePath);
        await ui.SubmitLoginAsync("not-the-password");
        Assert.Equal("Wrong username or password.", await ui.Page.TextContentAsync("#login-error"));

        await ui.SubmitLoginAsync(OperatorUi.AdminPassword);
        await ui.Page.WaitForURLAsync(url => url.EndsWith("/ui/dashboard", StringComparison.Ordinal));
        Assert.Equal(OperatorUi.AdminUser, await ui.Page.TextContentAsync(".topbar .user"));
        var cookie = (await ui.Page.Context.CookiesAsync()).Single(c => c.Name == "actors_ui");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        await ui.Page.ClickAsync("#logout");
        await ui.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ui/login");
        await ui.Page.GotoAsync("/ui/contacts");
        Assert.Equal("/ui/login", new Uri(ui.Page.Url).AbsolutePath);
    }

    [Fact]
    public async Task An_expired_session_sends_the_next_action_back_to_the_login_page()
    {
        // Long enough that a busy machine still loads the first page inside it (a shorter one failed a CI run at sign-in).
        var lifetime = TimeSpan.FromSeconds(6);
        await using var ui = await OperatorUi.StartAsync(chromium, new Dictionary<string, string> { ["Ui__SessionLifetime"] = lifetime.ToString() });
        await ui.SignInAsync();
        await ui.Page.WaitForSelectorAsync("#contacts");
        // The session slides with each call, so the lifetime counts from the page's last one.
        await ui.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Task.Delay(lifetime + TimeSpan.FromSeconds(1));
        // The page is still on screen; its next call (the quick add form's fields) meets the ended session.
        await ui.Page.ClickAsync("#quick-add");
        await Assertions.Expect(ui.Page.Locator("#login-notice")).ToContainTextAsync("session has ended");
        Assert.Equal("/ui/login", new Uri(ui.Page.Url).AbsolutePath);

        // Loading a page with the ended session's cookie says the same.
        await ui.Page.GotoAsync("/ui/contacts?search=city:paris");
        Assert.Equal("/ui/login", new Uri(ui.Page.Url).AbsolutePath);
        Assert.Contains("session has ended", await ui.Page.TextContentAsync("#login-notice"));

        // Signing in again returns to the page that was asked for.
        await ui.SubmitLoginAsync(OperatorUi.AdminPassword);
        await Assertions.Expect(ui.Page.Locator("#search")).ToHaveValueAsync("city:paris");
    }

    [Fact]
    public async Task A_state_changing_api_call_with_the_session_but_without_its_antiforgery_token_is_refused()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        await ui.SignInAsync();

        var status = await ui.Page.EvaluateAsync<int>("""
            async () => (await fetch('/api/contacts/new', { method: 'POST', headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ email: 'forged@example.com' }) })).status
            """);
        var withToken = await ui.Page.EvaluateAsync<int>("""
            async () => (await fetch('/api/contacts/new', { method: 'POST', headers: { 'Content-Type': 'application/json',
              'X-CSRF-TOKEN': document.querySelector('meta[name="csrf-token"]').content },
              body: JSON.stringify({ email: 'real@example.com' }) })).status
            """);

        Assert.Equal(403, status);
        Assert.Equal(201, withToken);
        Assert.Equal("0", (string?)(await ui.GetJsonAsync("/api/contacts?search=email:forged@example.com"))["total"]);
    }
}
