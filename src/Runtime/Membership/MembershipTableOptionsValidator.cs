using Actors.Runtime.Hosting;
using Actors.Runtime.Redis;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Membership;

/// <summary>Refuses membership settings that would only fail when the silo tries to join, naming the setting to fix.</summary>
public sealed class MembershipTableOptionsValidator : IValidateOptions<MembershipTableOptions>
{
    const string Section = MembershipTableOptions.SectionName;
    const string ConnectionStringSetting = $"{Section}:{nameof(MembershipTableOptions.ConnectionString)}";

    public ValidateOptionsResult Validate(string? name, MembershipTableOptions options)
    {
        if (!MembershipTableOptions.TryParseProvider(options.Provider, out var provider))
            return ValidateOptionsResult.Fail(UnknownProviderMessage(options.Provider));
        if (string.IsNullOrWhiteSpace(options.ClusterId))
            return ValidateOptionsResult.Fail($"{MembershipTableOptions.ClusterIdKey} must not be empty.");

        var problem = provider switch
        {
            MembershipProvider.PostgreSql => NpgsqlConnectionStringCheck.Problem(ConnectionStringSetting, options.ConnectionString, RequiredWhen(provider)),
            MembershipProvider.Redis => RedisProblem(options.ConnectionString),
            _ => null,
        };
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    internal static string UnknownProviderMessage(string? provider) =>
        ProviderNames.Unknown<MembershipProvider>($"{Section}:{nameof(MembershipTableOptions.Provider)}", provider, "membership provider");

    static string RequiredWhen(MembershipProvider provider) => $"{Section}:{nameof(MembershipTableOptions.Provider)} is {provider}";

    static string? RedisProblem(string? connectionString) => string.IsNullOrWhiteSpace(connectionString)
        ? $"{ConnectionStringSetting} is required when {RequiredWhen(MembershipProvider.Redis)}."
        : RedisClientOptions.TryParse(connectionString, out _, out var error)
            ? null
            : $"{ConnectionStringSetting} is not a Redis connection string: {error}.";
}
