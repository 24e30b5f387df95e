using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

/// <summary>Refuses cluster settings that cannot work, naming the setting.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>, IValidateOptions<ClusterClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        const string section = ClusterOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
            failures.Add($"{section}:ClusterId must not be empty.");
        if (options.SiloPort is < 1 or > 65535)
            failures.Add($"{section}:SiloPort must be a port number from 1 to 65535 (was {options.SiloPort}).");
        if (string.IsNullOrWhiteSpace(options.AdvertisedHost) || options.AdvertisedHost.Contains('@') || options.AdvertisedHost.Contains('/'))
            failures.Add($"{section}:AdvertisedHost must be a host name or IP address (was '{options.AdvertisedHost}').");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, ClusterClientOptions options)
        => options.MembershipRefreshPeriod <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{ClusterClientOptions.SectionName}:MembershipRefreshPeriod must be positive (was {options.MembershipRefreshPeriod}).")
            : ValidateOptionsResult.Success;
}
