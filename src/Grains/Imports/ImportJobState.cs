using Actors.Interfaces.Imports;

namespace Actors.Grains.Imports;

/// <summary>
/// What an import job stores: its spec, its counters and its checkpoint. The checkpoint is the byte offset and line
/// of the first row not yet counted; it is written together with the counters, after the rows before it were applied.
/// </summary>
internal sealed class ImportJobState
{
    public ImportSpec? Spec { get; set; }
    public ImportState State { get; set; } = ImportState.Queued;
    public long Inserted { get; set; }
    public long Updated { get; set; }
    public long Ignored { get; set; }
    public long Offset { get; set; }
    public long Line { get; set; }
    public long LastLine { get; set; }
    public List<ImportProblem> Problems { get; set; } = [];
    public long ProblemsNotKept { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? FailureReason { get; set; }

    /// <summary>Batches in a row that failed before one succeeded; past a bound the import fails.</summary>
    public int FailedAttempts { get; set; }

    public bool IsRunning => Spec is not null && State is ImportState.Queued or ImportState.InProgress;
}
