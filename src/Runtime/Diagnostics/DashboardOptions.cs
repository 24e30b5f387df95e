using Microsoft.Extensions.Options;

namespace Actors.Runtime.Diagnostics;

/// <summary>
/// How silos measure themselves for the dashboard and how the dashboard gathers them (configuration section
/// "Dashboard"; Orleans's DashboardOptions.CounterUpdateIntervalMs plays the part of <see cref="SampleInterval"/>).
/// </summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    public static readonly TimeSpan DefaultSampleInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultWatchWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultReportTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MinimumSampleInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How often a silo rolls its meter readings into a new bucket; a report covers the last five. Default 1 second, at least 100 ms.</summary>
    public TimeSpan SampleInterval { get; set; } = DefaultSampleInterval;

    /// <summary>How long after the last report request a silo keeps measuring call durations and failures. Default 1 minute.</summary>
    public TimeSpan WatchWindow { get; set; } = DefaultWatchWindow;

    /// <summary>How long the dashboard waits for one silo's report before showing it without figures. Default 2 seconds.</summary>
    public TimeSpan ReportTimeout { get; set; } = DefaultReportTimeout;
}

/// <summary>Refuses dashboard settings that cannot work, naming the setting.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        const string section = DashboardOptions.SectionName;
        var failures = new List<string>();
        if (options.SampleInterval < DashboardOptions.MinimumSampleInterval)
            failures.Add($"{section}:SampleInterval must be at least 100 ms (was {options.SampleInterval}).");
        if (options.WatchWindow <= TimeSpan.Zero)
            failures.Add($"{section}:WatchWindow must be positive (was {options.WatchWindow}).");
        if (options.ReportTimeout <= TimeSpan.Zero)
            failures.Add($"{section}:ReportTimeout must be positive (was {options.ReportTimeout}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
