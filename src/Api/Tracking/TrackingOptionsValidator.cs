using Microsoft.Extensions.Options;

namespace Actors.Api.Tracking;

/// <summary>Refuses tracking settings that cannot work, naming the setting.</summary>
internal sealed class TrackingOptionsValidator : IValidateOptions<TrackingOptions>
{
    public ValidateOptionsResult Validate(string? name, TrackingOptions options)
    {
        const string section = TrackingOptions.SectionName;
        var failures = new List<string>();
        foreach (var domain in options.ValidDomains)
        {
            if (!domain.Contains("://", StringComparison.Ordinal))
                failures.Add($"{section}:ValidDomains entry '{domain}' must be an origin such as https://example.com or https://*.example.com.");
        }
        foreach (var (setting, entries) in new[] { ("DoNotTrackIps", options.DoNotTrackIps), ("TrustedProxies", options.TrustedProxies) })
        {
            foreach (var entry in entries.Where(e => !ClientAddressPolicy.IsValidNetwork(e)))
                failures.Add($"{section}:{setting} entry '{entry}' is neither an IP address nor a CIDR range.");
        }
        if (options.MaxValueLength < 16)
            failures.Add($"{section}:MaxValueLength must be at least 16 (was {options.MaxValueLength}).");
        if (options.MaxUrlLength < 64)
            failures.Add($"{section}:MaxUrlLength must be at least 64 (was {options.MaxUrlLength}).");
        if (options.MaxParameters < 10)
            failures.Add($"{section}:MaxParameters must be at least 10 (was {options.MaxParameters}).");
        if (options.MaxTagsPerHit < 1)
            failures.Add($"{section}:MaxTagsPerHit must be at least 1 (was {options.MaxTagsPerHit}).");
        if (options.NewTagsPerMinute < 0)
            failures.Add($"{section}:NewTagsPerMinute must be 0 or more (was {options.NewTagsPerMinute}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
