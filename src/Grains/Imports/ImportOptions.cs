using Microsoft.Extensions.Options;

namespace Actors.Grains.Imports;

/// <summary>How contact imports run (configuration section "Import").</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Import";

    public const long DefaultMaxFileBytes = 256L << 20;
    public const int DefaultBatchSize = 500;
    public const int DefaultMaxReportedProblems = 1000;

    /// <summary>The largest file an import accepts, in bytes (default 256 MiB); a larger upload answers 413 before any row is applied.</summary>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>
    /// Rows applied between two checkpoints (default 500). They are written concurrently, so a larger batch fills more
    /// of each group commit; a crash replays at most one batch.
    /// </summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Problem lines an import keeps for its report (default 1000); the rest are only counted.</summary>
    public int MaxReportedProblems { get; set; } = DefaultMaxReportedProblems;
}

internal sealed class ImportOptionsValidator : IValidateOptions<ImportOptions>
{
    public ValidateOptionsResult Validate(string? name, ImportOptions options)
    {
        if (options.MaxFileBytes <= 0)
            return ValidateOptionsResult.Fail("Import:MaxFileBytes must be a positive number of bytes.");
        if (options.BatchSize is <= 0 or > 100_000)
            return ValidateOptionsResult.Fail("Import:BatchSize must be between 1 and 100000 rows.");
        if (options.MaxReportedProblems < 0)
            return ValidateOptionsResult.Fail("Import:MaxReportedProblems must be 0 or more.");
        return ValidateOptionsResult.Success;
    }
}
