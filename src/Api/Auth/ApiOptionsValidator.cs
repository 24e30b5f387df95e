using Actors.Api.Users;
using Microsoft.Extensions.Options;

namespace Actors.Api.Auth;

/// <summary>Refuses API access settings that cannot work, naming the setting.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <summary>The longest window or lockout: the throttle adds them to the current time, which a huge one would overflow.</summary>
    private static readonly TimeSpan MaxThrottleDuration = TimeSpan.FromDays(30);

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        const string section = ApiOptions.SectionName;
        var failures = new List<string>();
        if (UserInput.UsernameProblem(options.AdminUser) is { } username)
            failures.Add($"{section}:AdminUser '{options.AdminUser}' is not a valid username: {username}");
        if (options.AdminPassword is not null && UserInput.PasswordProblem(options.AdminPassword) is { } password)
            failures.Add($"{section}:AdminPassword is not acceptable: {password}");
        if (options.MaxFailedLogins < 1)
            failures.Add($"{section}:MaxFailedLogins must be at least 1 (was {options.MaxFailedLogins}).");
        if (options.FailedLoginWindow <= TimeSpan.Zero || options.FailedLoginWindow > MaxThrottleDuration)
            failures.Add($"{section}:FailedLoginWindow must be positive and at most {MaxThrottleDuration.TotalDays} days (was {options.FailedLoginWindow}).");
        if (options.MaxTrackedAddresses < 100)
            failures.Add($"{section}:MaxTrackedAddresses must be at least 100 (was {options.MaxTrackedAddresses}).");
        if (options.MaxFailedLoginsPerUser < 1)
            failures.Add($"{section}:MaxFailedLoginsPerUser must be at least 1 (was {options.MaxFailedLoginsPerUser}).");
        if (options.UserLockout <= TimeSpan.Zero)
            failures.Add($"{section}:UserLockout must be positive (was {options.UserLockout}).");
        if (options.MaxUserLockout < options.UserLockout || options.MaxUserLockout > MaxThrottleDuration)
            failures.Add($"{section}:MaxUserLockout must be at least UserLockout ({options.UserLockout}) and at most {MaxThrottleDuration.TotalDays} days (was {options.MaxUserLockout}).");
        if (options.MaxTrackedUsernames < 100)
            failures.Add($"{section}:MaxTrackedUsernames must be at least 100 (was {options.MaxTrackedUsernames}).");
        if (options.KnownClientLifetime < TimeSpan.Zero)
            failures.Add($"{section}:KnownClientLifetime must not be negative (was {options.KnownClientLifetime}).");
        if (options.VerifiedCredentialLifetime < TimeSpan.Zero)
            failures.Add($"{section}:VerifiedCredentialLifetime must not be negative (was {options.VerifiedCredentialLifetime}).");
        if (options.MaxConcurrentStreams < 1)
            failures.Add($"{section}:MaxConcurrentStreams must be at least 1 (was {options.MaxConcurrentStreams}).");
        if (options.StreamQueueTimeout < TimeSpan.Zero || options.StreamQueueTimeout > ApiOptions.MaxStreamQueueTimeout)
            failures.Add($"{section}:StreamQueueTimeout must not be negative and at most {ApiOptions.MaxStreamQueueTimeout} (was {options.StreamQueueTimeout}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
