using Actors.Api.Auth;
using Actors.Api.Lists;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Auth;

public sealed class ApiOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
        => Assert.True(new ApiOptionsValidator().Validate(null, new ApiOptions()).Succeeded);

    [Theory]
    [InlineData("Api:AdminUser 'not a name'", "not a name", null, 5)]
    [InlineData("Api:AdminPassword is not acceptable", "admin", "short", 5)]
    [InlineData("Api:MaxFailedLogins must be at least 1", "admin", null, 0)]
    public void A_bad_setting_is_refused_by_name(string message, string adminUser, string? adminPassword, int maxFailedLogins)
    {
        var result = new ApiOptionsValidator().Validate(null, new ApiOptions { AdminUser = adminUser, AdminPassword = adminPassword, MaxFailedLogins = maxFailedLogins });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
    }

    public static TheoryData<string, ApiOptions> BadThrottleSettings => new()
    {
        { "Api:MaxFailedLoginsPerUser must be at least 1", new ApiOptions { MaxFailedLoginsPerUser = 0 } },
        { "Api:UserLockout must be positive", new ApiOptions { UserLockout = TimeSpan.Zero } },
        { "Api:MaxUserLockout must be at least UserLockout", new ApiOptions { UserLockout = TimeSpan.FromHours(2), MaxUserLockout = TimeSpan.FromHours(1) } },
        { "Api:MaxUserLockout must be at least UserLockout (00:15:00) and at most 30 days", new ApiOptions { MaxUserLockout = TimeSpan.MaxValue } },
        { "Api:FailedLoginWindow must be positive and at most 30 days", new ApiOptions { FailedLoginWindow = TimeSpan.FromDays(365) } },
        { "Api:MaxTrackedUsernames must be at least 100", new ApiOptions { MaxTrackedUsernames = 10 } },
        { "Api:KnownClientLifetime must not be negative", new ApiOptions { KnownClientLifetime = TimeSpan.FromSeconds(-1) } },
        { "Api:MaxConcurrentStreams must be at least 1", new ApiOptions { MaxConcurrentStreams = 0 } },
        { "Api:StreamQueueTimeout must not be negative and at most 00:01:00", new ApiOptions { StreamQueueTimeout = TimeSpan.FromMinutes(2) } },
    };

    [Theory]
    [MemberData(nameof(BadThrottleSettings))]
    public void A_bad_throttle_setting_is_refused_by_name(string message, ApiOptions options)
    {
        var result = new ApiOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
    }

    [Theory]
    [InlineData("PostgreSql", "Host=db;Username=u", null, 25)]
    [InlineData("PostgreSql", "Host=db;Username=u;Maximum Pool Size=40", null, 10)]
    [InlineData("PostgreSql", "Host=db;Username=u;Maximum Pool Size=3", null, 1)]
    [InlineData("Sqlite", null, null, 25)]
    [InlineData("PostgreSql", "Host=db;Username=u", 3, 3)]
    public void Streamed_answers_get_a_quarter_of_the_database_pool_unless_configured(string provider, string? connectionString, int? configured, int slots)
        => Assert.Equal(slots, StreamSlots.Capacity(new ApiOptions { MaxConcurrentStreams = configured },
            new StorageOptions { Provider = provider, ConnectionString = connectionString }));

    [Theory]
    [InlineData("PostgreSql", "Host=db;Username=u;Maximum Pool Size=40", 40, "Api:MaxConcurrentStreams (40) must be less than the Max Pool Size (40) of Storage:ConnectionString")]
    [InlineData("PostgreSql", "Host=db;Username=u;Maximum Pool Size=40", 41, "Api:MaxConcurrentStreams (41) must be less than the Max Pool Size (40) of Storage:ConnectionString")]
    [InlineData("PostgreSql", "Host=db;Username=u", 100, "Api:MaxConcurrentStreams (100) must be less than the Max Pool Size (100) of Storage:ConnectionString")]
    [InlineData("PostgreSql", "Host=db;Username=u;Maximum Pool Size=40", 39, null)]
    [InlineData("PostgreSql", "Host=db;Username=u;Maximum Pool Size=3", null, null)]
    [InlineData("Sqlite", null, 500, null)]
    [InlineData("PostgreSql", "Host=db;Maximum Pool Size=many", 500, null)]
    public void Streams_as_many_as_the_postgresql_pool_are_refused_naming_both_settings(string provider, string? connectionString, int? configured, string? refusal)
    {
        var storage = Options.Create(new StorageOptions { Provider = provider, ConnectionString = connectionString });

        var result = new StreamSlotsValidator(storage).Validate(null, new ApiOptions { MaxConcurrentStreams = configured });

        Assert.Equal(refusal is not null, result.Failed);
        if (refusal is not null)
            Assert.StartsWith(refusal, result.FailureMessage);
    }
}
