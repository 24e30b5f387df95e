using Microsoft.Extensions.Options;

namespace Actors.Grains.Imports;

/// <summary>How contact imports run (configuration section "Import").</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Import";

    public const long DefaultMaxFileBytes = 256L << 20;
    public const int DefaultBatchSize = 2000;
    public const int DefaultConcurrentRows = 256;
    public const int DefaultMaxReportedProblems = 1000;

    /// <summary>The largest file an import accepts, in bytes (default 256 MiB); a larger upload answers 413 before any row is applied.</summary>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>
    /// Rows applied between two checkpoints (default 2000). A batch ends when its slowest row does, so a batch several
    /// times <see cref="ConcurrentRows"/> keeps the writers busy while its last rows finish; a crash replays at most one batch.
    /// </summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>
    /// Rows of a batch written at once (default 256). A row's time is mostly waiting for three group commits (its index
    /// claim, its contact row, its events), so the import's rate is about this many rows per such chain: 32 left the
    /// commits a tenth full. 256 matches the group-commit writer's largest transaction; beyond it the database's
    /// connections and the silo's cores are the limit, and live traffic would wait behind the import's writes.
    /// </summary>
    public int ConcurrentRows { get; set; } = DefaultConcurrentRows;

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
        if (options.ConcurrentRows is <= 0 or > 10_000)
            return ValidateOptionsResult.Fail("Import:ConcurrentRows must be between 1 and 10000 rows.");
        if (options.MaxReportedProblems < 0)
            return ValidateOptionsResult.Fail("Import:MaxReportedProblems must be 0 or more.");
        return ValidateOptionsResult.Success;
    }
}
