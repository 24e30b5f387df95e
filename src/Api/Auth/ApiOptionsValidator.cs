using Actors.Api.Users;
using Microsoft.Extensions.Options;

namespace Actors.Api.Auth;

/// <summary>Refuses API access settings that cannot work, naming the setting.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
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
        if (options.FailedLoginWindow <= TimeSpan.Zero)
            failures.Add($"{section}:FailedLoginWindow must be positive (was {options.FailedLoginWindow}).");
        if (options.MaxTrackedAddresses < 100)
            failures.Add($"{section}:MaxTrackedAddresses must be at least 100 (was {options.MaxTrackedAddresses}).");
        if (options.VerifiedCredentialLifetime < TimeSpan.Zero)
            failures.Add($"{section}:VerifiedCredentialLifetime must not be negative (was {options.VerifiedCredentialLifetime}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
