using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

/// <summary>Refuses runtime settings that cannot work, naming the setting.</summary>
internal sealed class RuntimeOptionsValidator : IValidateOptions<MessagingOptions>, IValidateOptions<GrainCollectionOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
        => options.ResponseTimeout <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{MessagingOptions.SectionName}:ResponseTimeout must be positive (was {options.ResponseTimeout}).")
            : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options)
    {
        const string section = GrainCollectionOptions.SectionName;
        var failures = new List<string>();
        if (options.CollectionQuantum <= TimeSpan.Zero)
            failures.Add($"{section}:CollectionQuantum must be positive (was {options.CollectionQuantum}).");
        if (options.CollectionAge <= options.CollectionQuantum)
            failures.Add($"{section}:CollectionAge ({options.CollectionAge}) must be longer than {section}:CollectionQuantum ({options.CollectionQuantum}).");
        foreach (var (type, age) in options.ClassSpecificCollectionAge)
        {
            if (age <= options.CollectionQuantum)
                failures.Add($"{section}:ClassSpecificCollectionAge:{type} ({age}) must be longer than {section}:CollectionQuantum ({options.CollectionQuantum}).");
        }
        if (options.DeactivationTimeout <= TimeSpan.Zero)
            failures.Add($"{section}:DeactivationTimeout must be positive (was {options.DeactivationTimeout}).");
        if (options.MemoryUsageLimitPercentage is <= 0 or > 100)
            failures.Add($"{section}:MemoryUsageLimitPercentage must be between 1 and 100 (was {options.MemoryUsageLimitPercentage}).");
        if (options.MemoryUsageTargetPercentage <= 0 || options.MemoryUsageTargetPercentage >= options.MemoryUsageLimitPercentage)
            failures.Add($"{section}:MemoryUsageTargetPercentage ({options.MemoryUsageTargetPercentage}) must be positive and below {section}:MemoryUsageLimitPercentage ({options.MemoryUsageLimitPercentage}).");
        if (options.MemoryUsagePollingPeriod <= TimeSpan.Zero)
            failures.Add($"{section}:MemoryUsagePollingPeriod must be positive (was {options.MemoryUsagePollingPeriod}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
