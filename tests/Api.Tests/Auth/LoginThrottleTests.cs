using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Auth;

/// <summary>
/// Failed sign-ins slow an address down. The test server's connections all come from loopback, so loopback is made
/// a trusted proxy and each simulated client names its address in X-Forwarded-For, as behind a real proxy.
/// </summary>
public sealed class LoginThrottleTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Api:MaxFailedLogins"] = "3",
        ["Api:FailedLoginWindow"] = "00:01:00",
        ["Tracking:TrustedProxies:0"] = "127.0.0.1",
    };

    [Fact]
    public async Task After_repeated_failures_an_address_gets_429_with_retry_after_even_with_the_right_password()
    {
        await using var api = new ApiFactory(TestStore.Sqlite(), Settings);
        var guesser = From(api.ApiClient(ApiFactory.AdminUser, "guess-password"), "203.0.113.5");

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/users/self")).StatusCode);
        var refused = await guesser.GetAsync("/api/users/self");
        var rightPassword = await From(api.ApiClient(), "203.0.113.5").GetAsync("/api/users/self");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter.TotalSeconds, 1, 60);
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal(429, (int)error["code"]!);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPassword.StatusCode);
    }

    [Fact]
    public async Task Another_address_is_not_affected_and_its_success_does_not_reset_the_guessers_count()
    {
        await using var api = new ApiFactory(TestStore.Sqlite(), Settings);
        var guesser = From(api.ApiClient(ApiFactory.AdminUser, "guess-password"), "203.0.113.5");
        var colleague = From(api.ApiClient(), "198.51.100.7");

        for (var i = 0; i < 2; i++)
            await guesser.GetAsync("/api/users/self");
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/api/users/self")).StatusCode);
        await guesser.GetAsync("/api/users/self");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync("/api/users/self")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/api/users/self")).StatusCode);
    }

    private static HttpClient From(HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}
