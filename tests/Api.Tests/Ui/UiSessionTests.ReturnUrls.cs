using System.Net;
using System.Text.RegularExpressions;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Ui;

/// <summary>
/// Where the login form sends the browser back to: only a page of the UI, never another site (an open redirect).
/// A page's address may hold any text, a search for a name like Müller included; a Location header holds only ASCII,
/// so the form sends it back percent-encoded (as UTF-8), as a browser would. No address holds a control character.
/// </summary>
public abstract partial class UiSessionTests
{
    private const string Home = "/ui/contacts";

    [Theory]
    [InlineData("//evil.example.com/ui/x", Home)]
    [InlineData("https://evil.example.com/", Home)]
    [InlineData("/api/users/self", Home)]
    [InlineData("/\\evil.example.com/ui/x", Home)]
    [InlineData("/ui/\\evil.example.com", Home)]
    [InlineData("/ui/x\r\nX-Injected: y", Home)]
    [InlineData("/ui/../api/contacts", Home)]
    [InlineData("/ui/%2e%2e/api/contacts", Home)]
    [InlineData("/ui/contacts/.%2E/../api/users/self", Home)]
    [InlineData("/ui/./contacts", Home)]
    [InlineData("/ui/contacts?search=../a", "/ui/contacts?search=../a")]
    [InlineData("/ui/contacts?search=a\tb", Home)]
    [InlineData("/ui/contacts?search=\u0085", Home)]
    [InlineData("/ui/contacts?search=Müller", "/ui/contacts?search=M%C3%BCller")]
    [InlineData("/ui/contacts?search=名前 😀", "/ui/contacts?search=%E5%90%8D%E5%89%8D%20%F0%9F%98%80")]
    [InlineData("/ui/contacts?search=\"a<b>\"", "/ui/contacts?search=%22a%3Cb%3E%22")]
    [InlineData("/ui/contacts?search=M%C3%BCller", "/ui/contacts?search=M%C3%BCller")]
    public async Task The_login_form_signs_in_and_returns_only_to_a_page_of_the_ui_percent_encoded(string returnUrl, string location)
    {
        await using var api = new ApiFactory(store());
        var browser = Browser(api);

        var answer = await PostLoginAsync(browser, ApiFactory.AdminPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(location, answer.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/users/self")).StatusCode);
    }

    [Fact]
    public async Task The_login_form_carries_a_linked_non_ascii_return_address_percent_encoded_and_a_control_character_as_home()
    {
        await using var api = new ApiFactory(store());
        var browser = Browser(api);

        var linked = await browser.GetStringAsync("/ui/login?returnUrl=/ui/contacts%3Fsearch%3DM%C3%BCller");
        var injected = await browser.GetStringAsync("/ui/login?returnUrl=/ui/x%0D%0ASet-Cookie:%20a%3Db");

        Assert.Equal("/ui/contacts?search=M%C3%BCller", FormReturnUrl().Match(linked).Groups[1].Value);
        Assert.Equal(Home, FormReturnUrl().Match(injected).Groups[1].Value);
    }

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex FormReturnUrl();
}
