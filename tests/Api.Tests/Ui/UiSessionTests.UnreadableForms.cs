using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Ui;

/// <summary>
/// Form bodies that cannot be read (no boundary, cut short, beyond the form limits) are bad input wherever the UI
/// session reads them: the login form's 400, and, with a session cookie, the answer to a missing antiforgery token.
/// </summary>
public abstract partial class UiSessionTests
{
    [Fact]
    public async Task An_unreadable_login_form_shows_the_form_again_with_a_400()
    {
        await using var api = new ApiFactory(store());
        var browser = Browser(api);

        foreach (var (name, content) in UnreadableForms().Append(("not a form", new StringContent("username=admin", Encoding.UTF8, "text/plain"))))
        {
            var answer = await browser.PostAsync("/ui/login", content);
            var page = await answer.Content.ReadAsStringAsync();

            Assert.Equal((name, HttpStatusCode.BadRequest), (name, answer.StatusCode));
            Assert.Contains("The form could not be read; please sign in again.", page);
            Assert.Matches(FormToken(), page);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await PostLoginAsync(browser, ApiFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task With_a_session_an_unreadable_form_is_a_write_without_its_antiforgery_token()
    {
        await using var api = new ApiFactory(store());
        var browser = Browser(api);
        await SignInAsync(browser);

        foreach (var (name, content) in UnreadableForms())
        {
            var write = await browser.PostAsync("/api/contacts/new", content);
            Assert.Equal((name, HttpStatusCode.Forbidden), (name, write.StatusCode));
            Assert.Equal("access_denied", (string?)JsonNode.Parse(await write.Content.ReadAsStringAsync())!["errors"]![0]!["type"]);
        }
        foreach (var (name, content) in UnreadableForms())
        {
            var logout = await browser.PostAsync("/ui/logout", content);
            Assert.Equal((name, HttpStatusCode.BadRequest), (name, logout.StatusCode));
            Assert.Contains("The request lacked its antiforgery token.", await logout.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/users/self")).StatusCode);
    }

    /// <summary>Bodies that claim to be forms and that the form reader refuses, each named for the assertion that fails.</summary>
    private static IEnumerable<(string Name, HttpContent Content)> UnreadableForms()
    {
        yield return ("multipart without a boundary", Typed("xx", "multipart/form-data"));
        yield return ("multipart with a 200-character boundary", Typed("xx", $"multipart/form-data; boundary={new string('b', 200)}"));
        yield return ("multipart cut short", Typed("--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin", "multipart/form-data; boundary=b"));
        yield return ("a NUL in a value", Typed("username=%00&email=%00", "application/x-www-form-urlencoded"));
        yield return ("more than 1024 keys", Typed(string.Join('&', Enumerable.Range(0, 1025).Select(i => $"k{i}=v")), "application/x-www-form-urlencoded"));
        yield return ("a key over 2048 characters", Typed($"{new string('k', 2049)}=v", "application/x-www-form-urlencoded"));
        yield return ("a value over 4 MB", Typed($"username={new string('v', 4 * 1024 * 1024 + 1)}", "application/x-www-form-urlencoded"));
    }

    private static ByteArrayContent Typed(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}
