using System.Net;
using System.Net.Http.Json;
using Actors.Api.Auth;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Api.Tests.Auth;

/// <summary>The configured admin as start-up ensures it, when what it would be made with is taken.</summary>
public abstract class AdminUserBootstrapTests(Func<TestStore> store)
{
    [Fact]
    public async Task An_admin_to_make_again_whose_email_another_user_holds_is_not_made_and_the_warning_names_that_user()
    {
        var log = new RecordingLoggerProvider();
        await using var api = new ApiFactory(store(), services: services => services.AddSingleton<ILoggerProvider>(log));
        var boss = new { username = "boss", email = "boss@example.com", firstName = "Bo", lastName = "Ss", password = "boss-password", role = "admin" };
        Assert.Equal(HttpStatusCode.Created, (await api.ApiClient().PostAsJsonAsync("/api/users/new", boss)).StatusCode);
        var admin = (await api.Grains.GetGrain<IUserGrain>(ApiFactory.AdminUser).Get())!.Id;
        var bossClient = api.ApiClient("boss", "boss-password");
        Assert.Equal(HttpStatusCode.OK, (await bossClient.DeleteAsync($"/api/users/{admin}/delete")).StatusCode);
        var squatter = new { username = "squatter", email = "admin@localhost.invalid", firstName = "Sq", lastName = "Uatter", password = "squatter-password" };
        Assert.Equal(HttpStatusCode.Created, (await bossClient.PostAsJsonAsync("/api/users/new", squatter)).StatusCode);
        log.Lines.Clear();

        // What the next start does; it must return for the host to start.
        await api.Services.GetServices<IHostedService>().OfType<AdminUserBootstrap>().Single().StartAsync(CancellationToken.None);

        var warning = Assert.Single(log.Of<AdminUserBootstrap>(), line => line.Level == LogLevel.Warning);
        Assert.Contains("admin@localhost.invalid", warning.Message);
        Assert.Contains("squatter", warning.Message);
        Assert.DoesNotContain(log.Lines, line => line.Message.StartsWith("Created API user", StringComparison.Ordinal));
        Assert.Null(await api.Grains.GetGrain<IUserGrain>(ApiFactory.AdminUser).Get());
        Assert.Equal(HttpStatusCode.OK, (await bossClient.GetAsync("/api/users/self")).StatusCode);
    }
}

public sealed class SqliteAdminUserBootstrapTests() : AdminUserBootstrapTests(TestStore.Sqlite);

public sealed class PostgreSqlAdminUserBootstrapTests() : AdminUserBootstrapTests(TestStore.PostgreSql);
