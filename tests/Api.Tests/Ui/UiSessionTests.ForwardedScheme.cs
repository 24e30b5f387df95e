using System.Net;
using Actors.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Actors.Api.Tests.Ui;

/// <summary>
/// Behind a proxy that ends TLS the UI's cookies keep their Secure flag: the scheme a trusted proxy forwards is the
/// request's, and nobody else can choose it.
/// </summary>
public abstract partial class UiSessionTests
{
    [Fact]
    public async Task Cookies_are_secure_when_a_trusted_proxy_forwards_https_and_only_then()
    {
        await using var proxied = new ApiFactory(store(), new Dictionary<string, string?> { ["Tracking:TrustedProxies:0"] = "127.0.0.1" });
        await using var direct = new ApiFactory(store());

        var behindTls = await LoginCookiesAsync(proxied, "https");
        var behindPlain = await LoginCookiesAsync(proxied, "http");
        var spoofed = await LoginCookiesAsync(direct, "https");

        Assert.Equal(["actors_ui", "actors_ui_xsrf"], behindTls.Keys.Order());
        Assert.All(behindTls.Values, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.All(behindPlain.Values, cookie => Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.All(spoofed.Values, cookie => Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Signs in with every request saying X-Forwarded-Proto: <paramref name="scheme"/>; answers the cookies set, by name.</summary>
    private static async Task<Dictionary<string, string>> LoginCookiesAsync(ApiFactory api, string scheme)
    {
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", scheme);
        var form = await client.GetAsync("/ui/login");
        var cookies = SetCookies(form);
        var token = FormToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var login = new HttpRequestMessage(HttpMethod.Post, "/ui/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["username"] = ApiFactory.AdminUser,
                ["password"] = ApiFactory.AdminPassword,
                ["returnUrl"] = "/ui/contacts",
            }),
        };
        login.Headers.Add("Cookie", string.Join("; ", cookies.Values.Select(cookie => cookie.Split(';')[0])));
        var answer = await client.SendAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        foreach (var (name, cookie) in SetCookies(answer))
            cookies[name] = cookie;
        return cookies;
    }

    private static Dictionary<string, string> SetCookies(HttpResponseMessage answer)
        => (answer.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            .ToDictionary(cookie => cookie[..cookie.IndexOf('=')]);
}
