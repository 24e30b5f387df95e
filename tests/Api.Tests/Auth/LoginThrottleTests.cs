using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Api.Tests.Ui;
using Actors.Interfaces.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Auth;

/// <summary>
/// Failed sign-ins slow a client (an IPv4 address, an IPv6 /64) and a username down. The test server's connections all come from loopback, so loopback is made
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

    /// <summary>Three failures lock a username; clients are allowed many more, so that only the username's count is at work.</summary>
    private static readonly Dictionary<string, string?> UserSettings = new()
    {
        ["Api:MaxFailedLogins"] = "100",
        ["Api:MaxFailedLoginsPerUser"] = "3",
        ["Api:UserLockout"] = "00:15:00",
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

    [Fact]
    public async Task Changing_only_the_last_groups_of_an_ipv6_address_does_not_escape_the_limit()
    {
        await using var api = new ApiFactory(TestStore.Sqlite(), Settings);
        var answers = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
        {
            var guesser = From(api.ApiClient(ApiFactory.AdminUser, "guess-password"), $"2001:db8:1:2::{0x65 + i:x}");
            answers.Add((await guesser.GetAsync("/api/users/self")).StatusCode);
        }
        var nextNetwork = await From(api.ApiClient(), "2001:db8:1:3::1").GetAsync("/api/users/self");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, nextNetwork.StatusCode);
    }

    [Fact]
    public async Task Basic_guesses_at_one_user_from_many_networks_get_429_before_any_hash_while_its_known_clients_go_on()
    {
        var hasher = new CountingPasswordHasher();
        await using var api = new ApiFactory(TestStore.Sqlite(), UserSettings, services => services.AddSingleton<IPasswordHasher<UserRecord>>(hasher));
        var integration = From(api.ApiClient(), "198.51.100.7");
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/users/self")).StatusCode);

        for (var i = 1; i <= 3; i++)
        {
            var guesser = From(api.ApiClient("ADMIN", "guess-password"), $"2001:db8:{i:x}::1");
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/users/self")).StatusCode);
        }
        var hashed = hasher.Verifications;
        Assert.True(hashed >= 3, $"the guesses were checked by the counting hasher ({hashed})");
        var refused = await From(api.ApiClient(ApiFactory.AdminUser, "guess-password"), "2001:db8:99::1").GetAsync("/api/users/self");
        var rightPassword = await From(api.ApiClient(), "192.0.2.44").GetAsync("/api/users/self");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 900);
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal(429, (int)error["code"]!);
        Assert.Equal("Too many failed sign-ins for this user; try again later.", (string?)error["message"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPassword.StatusCode);
        Assert.Equal(hashed, hasher.Verifications);
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/users/self")).StatusCode);
    }

    [Fact]
    public async Task Form_guesses_at_one_user_lock_it_on_the_form_before_any_hash_and_for_basic_authentication_too()
    {
        var hasher = new CountingPasswordHasher();
        await using var api = new ApiFactory(TestStore.Sqlite(), UserSettings, services => services.AddSingleton<IPasswordHasher<UserRecord>>(hasher));

        for (var i = 1; i <= 3; i++)
        {
            var guesser = From(UiSessionTests.Browser(api), $"2001:db8:{i:x}::1");
            Assert.Equal(HttpStatusCode.Unauthorized, (await UiSessionTests.PostLoginAsync(guesser, "guess-password")).StatusCode);
        }
        var hashed = hasher.Verifications;
        Assert.True(hashed >= 3, $"the guesses were checked by the counting hasher ({hashed})");
        var refused = await UiSessionTests.PostLoginAsync(From(UiSessionTests.Browser(api), "2001:db8:99::1"), ApiFactory.AdminPassword);
        var basic = await From(api.ApiClient(), "192.0.2.44").GetAsync("/api/users/self");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(retryAfter, 1, 900);
        Assert.Contains($"Too many failed sign-ins; try again in {retryAfter} seconds.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, basic.StatusCode);
        Assert.Equal(hashed, hasher.Verifications);
    }

    private static HttpClient From(HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}
