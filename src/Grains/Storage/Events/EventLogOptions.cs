using Microsoft.Extensions.Options;

namespace Actors.Grains.Storage.Events;

/// <summary>Configuration section "EventLog": how <see cref="EventLogWriter"/> groups appends into transactions.</summary>
public sealed class EventLogOptions
{
    public const string SectionName = "EventLog";

    public const int DefaultMaxBatchSize = 1_000;

    /// <summary>Bounds one transaction's size, and so the memory and lock time of one commit.</summary>
    public const int MaxBatchSizeLimit = 100_000;

    /// <summary>
    /// Most records written in one transaction. Default <see cref="DefaultMaxBatchSize"/>: large enough that a batch is
    /// bounded by arrivals during one commit at any realistic load, small enough that a commit takes milliseconds.
    /// A single AppendManyAsync larger than this is still written whole, in a transaction of its own.
    /// </summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;
}

/// <summary>Refuses a batch size that would stall or never commit, naming the setting.</summary>
public sealed class EventLogOptionsValidator : IValidateOptions<EventLogOptions>
{
    public ValidateOptionsResult Validate(string? name, EventLogOptions options) =>
        options.MaxBatchSize is < 1 or > EventLogOptions.MaxBatchSizeLimit
            ? ValidateOptionsResult.Fail(
                $"{EventLogOptions.SectionName}:{nameof(EventLogOptions.MaxBatchSize)} must be between 1 and {EventLogOptions.MaxBatchSizeLimit}; it is {options.MaxBatchSize}.")
            : ValidateOptionsResult.Success;
}
