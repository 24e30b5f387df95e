using Actors.Api.Auth;

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
}
