using Actors.Api.Hosting;
using Actors.Api.Users;
using Actors.Interfaces.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Api.Auth;

public static class ApiAuthentication
{
    /// <summary>
    /// Adds API users and Basic authentication, with <see cref="ApiOptions"/> bound from "Api" and validated at
    /// start-up. Call it after AddContactSilo: hosted services start in registration order, and the first-admin
    /// bootstrap needs the silo's storage ready.
    /// </summary>
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.TryAddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        services.AddSingleton<UserPasswords>();
        services.AddSingleton<CredentialVerifier>();
        services.AddSingleton<LoginThrottle>();
        services.AddStartupGrainCalls();
        services.AddHostedService<AdminUserBootstrap>();
        return services;
    }
}
