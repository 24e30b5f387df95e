using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Actors.Api.Auth;
using Actors.Api.Tests.Infrastructure;
using Actors.Api.Ui;
using Actors.Interfaces.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Ui;

/// <summary>
/// A session is its user's only while that user is the same: a new password, role or publication, or the user
/// deleted and its name created again, ends it. The cookie is replayed as whoever kept a copy would, whatever the
/// server asks the browser to delete.
/// </summary>
public abstract partial class UiSessionTests
{
    private const string SessionUser = "sessuser";
    private const string SessionUserPassword = "sessuser-password";

    [Fact]
    public async Task A_new_password_ends_the_users_session_and_the_new_password_signs_in()
    {
        await using var api = new ApiFactory(store());
        var id = await CreateUserAsync(api, UserRoles.User);
        var cookie = await SessionCookieAsync(api, SessionUserPassword);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(api, cookie, "/api/users/self")).StatusCode);

        var changed = await api.ApiClient().PatchAsJsonAsync($"/api/users/{id}/edit", new { password = "changed-password" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(api, cookie, "/api/users/self")).StatusCode);
        var page = await ReplayAsync(api, cookie, "/ui/contacts");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/ui/login?expired=1&", page.Headers.Location!.OriginalString);
        var renewed = await SessionCookieAsync(api, "changed-password");
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(api, renewed, "/api/users/self")).StatusCode);
    }

    [Fact]
    public async Task A_deleted_users_session_does_not_sign_in_a_new_admin_of_the_same_name()
    {
        await using var api = new ApiFactory(store());
        var id = await CreateUserAsync(api, UserRoles.User);
        var cookie = await SessionCookieAsync(api, SessionUserPassword);

        Assert.Equal(HttpStatusCode.OK, (await api.ApiClient().DeleteAsync($"/api/users/{id}/delete")).StatusCode);
        await CreateUserAsync(api, UserRoles.Admin);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(api, cookie, "/api/users/self")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ReplayAsync(api, cookie, "/ui/contacts")).StatusCode);
        var create = await ReplayAsync(api, cookie, "/api/users/new", JsonContent.Create(new
        {
            username = "planted", email = "planted@example.com", firstName = "P", lastName = "P", password = "planted-password", role = "admin",
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(api, cookie, "/ui/api/dashboard")).StatusCode);
        Assert.Null(await api.Grains.GetGrain<IUserGrain>("planted").Get());
    }

    [Fact]
    public async Task A_new_role_or_a_pause_in_publication_ends_the_users_sessions()
    {
        await using var api = new ApiFactory(store());
        var id = await CreateUserAsync(api, UserRoles.User);
        var promoted = await SessionCookieAsync(api, SessionUserPassword);
        var paused = await SessionCookieAsync(api, SessionUserPassword);

        Assert.Equal(HttpStatusCode.OK, (await api.ApiClient().PatchAsJsonAsync($"/api/users/{id}/edit", new { role = UserRoles.Admin })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(api, promoted, "/api/users/self")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.ApiClient().PatchAsJsonAsync($"/api/users/{id}/edit", new { isPublished = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.ApiClient().PatchAsJsonAsync($"/api/users/{id}/edit", new { isPublished = true })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(api, paused, "/api/users/self")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(api, await SessionCookieAsync(api, SessionUserPassword), "/api/users/self")).StatusCode);
    }

    [Fact]
    public async Task A_session_outlives_changes_that_leave_its_user_the_same()
    {
        await using var api = new ApiFactory(store());
        var id = await CreateUserAsync(api, UserRoles.User);
        var cookie = await SessionCookieAsync(api, SessionUserPassword);

        Assert.Equal(HttpStatusCode.OK, (await api.ApiClient().PatchAsJsonAsync($"/api/users/{id}/edit", new { email = "renamed@example.com", firstName = "Renamed" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.ApiClient().PatchAsJsonAsync("/api/users/1/edit", new { password = "another-admin-password" })).StatusCode);

        var self = await ReplayAsync(api, cookie, "/api/users/self");
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.Equal("Renamed", (string?)JsonNode.Parse(await self.Content.ReadAsStringAsync())!["user"]!["firstName"]);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(api, cookie, "/ui/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(api, cookie, "/ui/api/fields")).StatusCode);
    }

    [Fact]
    public async Task A_session_cookie_from_before_security_stamps_is_refused_and_its_user_signs_in_again()
    {
        await using var api = new ApiFactory(store());
        var admin = (await api.Grains.GetGrain<IUserGrain>(ApiFactory.AdminUser).Get())!;
        // What earlier builds put in the cookie: the user's id, username and role, no stamp.
        var before = new ClaimsPrincipal(new ClaimsIdentity(ApiPrincipal.For(admin).Claims, CookieAuthenticationDefaults.AuthenticationScheme));
        var ticket = new AuthenticationTicket(before, new AuthenticationProperties
        {
            IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1),
        }, UiSession.Scheme);
        var format = api.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(UiSession.Scheme).TicketDataFormat;
        var cookie = $"{UiSession.CookieName}={format.Protect(ticket)}";

        var page = await ReplayAsync(api, cookie, "/ui/contacts");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/ui/login?expired=1&", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(api, cookie, "/api/users/self")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(api, await SessionCookieAsync(api, ApiFactory.AdminPassword, ApiFactory.AdminUser), "/api/users/self")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_and_leaves_the_users_other_sessions_signed_in()
    {
        await using var api = new ApiFactory(store());
        await CreateUserAsync(api, UserRoles.User);
        var browser = Browser(api);
        var answer = await PostLoginAsync(browser, SessionUserPassword, username: SessionUser);
        var copied = answer.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith($"{UiSession.CookieName}=", StringComparison.Ordinal));
        var token = ShellToken().Match(await browser.GetStringAsync("/ui/contacts")).Groups[1].Value;
        var other = await SessionCookieAsync(api, SessionUserPassword);

        var signedOut = await browser.PostAsync("/ui/logout", new FormUrlEncodedContent(new Dictionary<string, string> { [UiSession.AntiforgeryField] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(api, copied, "/api/users/self")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ReplayAsync(api, copied, "/ui/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(api, copied, "/ui/api/fields")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(api, other, "/api/users/self")).StatusCode);
    }

    private static async Task<long> CreateUserAsync(ApiFactory api, string role)
    {
        var created = await api.ApiClient().PostAsJsonAsync("/api/users/new",
            new { username = SessionUser, email = $"{role}@example.com", firstName = "Sess", lastName = "User", password = SessionUserPassword, role });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["user"]!["id"]!;
    }

    /// <summary>Signs in through the form and answers the session cookie, as a Cookie header value.</summary>
    private static async Task<string> SessionCookieAsync(ApiFactory api, string password, string username = SessionUser)
    {
        var answer = await PostLoginAsync(Browser(api), password, username: username);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith($"{UiSession.CookieName}=", StringComparison.Ordinal));
    }

    /// <summary>A GET, or with <paramref name="body"/> a POST, that carries <paramref name="cookie"/> and nothing else of a browser's.</summary>
    private static async Task<HttpResponseMessage> ReplayAsync(ApiFactory api, string cookie, string path, HttpContent? body = null)
    {
        using var client = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, path) { Content = body };
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
