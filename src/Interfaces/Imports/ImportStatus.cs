namespace Actors.Interfaces.Imports;

/// <summary>Mautic's import statuses (imports.status 1 to 5).</summary>
public enum ImportState
{
    Queued = 1,
    InProgress = 2,
    Imported = 3,
    Failed = 4,
    Stopped = 5,
}

/// <summary>A line the import could not take as it was: the row was ignored, or only one value of it was.</summary>
public sealed record ImportProblem(long Line, string Message, bool RowIgnored);

/// <summary>Where an import stands: its counters, its progress and the lines it reported.</summary>
public sealed record ImportStatus
{
    public required string Id { get; init; }
    public required ImportState State { get; init; }
    public required ImportSpec Spec { get; init; }
    public long Inserted { get; init; }
    public long Updated { get; init; }
    public long Ignored { get; init; }

    /// <summary>The last file line whose row was taken into the counters.</summary>
    public long LastLine { get; init; }
    public IReadOnlyList<ImportProblem> Problems { get; init; } = [];

    /// <summary>Problems beyond those kept in <see cref="Problems"/>.</summary>
    public long ProblemsNotKept { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? FailureReason { get; init; }

    /// <summary>Rows handled out of the file's rows, in percent with 2 decimals; 100 once imported.</summary>
    public double Percent => State == ImportState.Imported ? 100
        : Spec.LineCount == 0 ? 0 : Math.Min(100, Math.Round((Inserted + Updated + Ignored) * 100.0 / Spec.LineCount, 2));
}
