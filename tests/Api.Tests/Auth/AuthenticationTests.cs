using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Auth;

/// <summary>HTTP Basic authentication on /api through the real pipeline, the embedded silo and a real store.</summary>
public abstract class AuthenticationTests(Func<TestStore> store)
{
    private const string DeniedBody = """{"errors":[{"code":401,"message":"Authorization denied, invalid credentials.","details":{},"type":"access_denied"}]}""";

    [Fact]
    public async Task Without_credentials_the_api_answers_401_with_the_basic_challenge_and_mautics_body()
    {
        await using var api = new ApiFactory(store());

        var response = await api.CreateClient().GetAsync("/api/users/self");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"Mautic\"", response.Headers.WwwAuthenticate.Single().ToString());
        Assert.Equal(DeniedBody, await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Mautic-Version"));
    }

    [Theory]
    [InlineData(ApiFactory.AdminUser, "wrong-password")]
    [InlineData("nobody", ApiFactory.AdminPassword)]
    [InlineData(" " + ApiFactory.AdminUser, ApiFactory.AdminPassword)]
    [InlineData(ApiFactory.AdminUser + "\t", ApiFactory.AdminPassword)]
    public async Task Wrong_credentials_are_answered_401_with_the_same_body(string username, string password)
    {
        await using var api = new ApiFactory(store());

        var response = await api.ApiClient(username, password).GetAsync("/api/contacts/1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"Mautic\"", response.Headers.WwwAuthenticate.Single().ToString());
        Assert.Equal(DeniedBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_configured_admin_signs_in_and_sees_itself()
    {
        await using var api = new ApiFactory(store());

        var response = await api.ApiClient().GetAsync("/api/users/self");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5.1.0", response.Headers.GetValues("Mautic-Version").Single());
        var self = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["user"]!;
        Assert.Equal(ApiFactory.AdminUser, (string)self["username"]!);
        Assert.Equal("admin", (string)self["role"]!);
        Assert.Equal(1, (long)self["id"]!);
    }

    [Fact]
    public async Task The_first_admin_comes_from_configuration_and_no_default_admin_is_made()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Api:AdminUser"] = "Boss", ["Api:AdminPassword"] = "boss-password-1" });

        var self = await api.ApiClient("boss", "boss-password-1").GetAsync("/api/users/self");
        var list = JsonNode.Parse(await api.ApiClient("Boss", "boss-password-1").GetStringAsync("/api/users"))!;

        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.Equal("1", (string)list["total"]!);
        Assert.Equal("boss", (string)list["users"]![0]!["username"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ApiClient().GetAsync("/api/users/self")).StatusCode);
    }

    [Fact]
    public async Task A_changed_password_takes_effect_at_once_despite_the_verification_cache()
    {
        await using var api = new ApiFactory(store());
        var old = api.ApiClient();
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/users/self")).StatusCode);

        var changed = await old.PatchAsJsonAsync("/api/users/1/edit", new { password = "a-new-password" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/users/self")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.ApiClient(ApiFactory.AdminUser, "a-new-password").GetAsync("/api/users/self")).StatusCode);
    }

    [Fact]
    public async Task Tracking_endpoints_stay_public()
    {
        await using var api = new ApiFactory(store());

        Assert.Equal(HttpStatusCode.OK, (await api.Visitor().GetAsync("/mtracking.gif")).StatusCode);
    }
}

public sealed class SqliteAuthenticationTests() : AuthenticationTests(TestStore.Sqlite);

public sealed class PostgreSqlAuthenticationTests() : AuthenticationTests(TestStore.PostgreSql);
