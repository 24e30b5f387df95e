using Actors.Grains.Contacts;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Imports;

namespace Actors.Grains.Imports;

/// <summary>
/// What one row asks for once its cells are read: the contact id it names (if any), the edit, the unique identifiers
/// that decide update versus insert, and the problems found on the way. <see cref="Error"/> set means the row is ignored.
/// </summary>
internal sealed record ImportRowPlan
{
    public long Line { get; init; }
    public long? ContactId { get; init; }
    public ContactEdit? Edit { get; init; }
    public IReadOnlyList<string> Identifiers { get; init; } = [];
    public IReadOnlyList<ImportProblem> Warnings { get; init; } = [];
    public string? Error { get; init; }

    /// <summary>The required fields the row leaves empty: it can update a contact, but a new one would lack them.</summary>
    public IReadOnlyList<string> MissingRequired { get; init; } = [];

    /// <summary>Blank and whitespace-only lines, which Mautic passes over without counting them.</summary>
    public bool IsSkipped { get; init; }

    /// <summary>Rows that may touch the same contact share one of these keys and are applied in file order.</summary>
    public IEnumerable<string> ConflictKeys => ContactId is { } id ? Identifiers.Prepend(WriteLanes.IdKeyPrefix + id) : Identifiers;
}
