using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Fields;

/// <summary>The contact field definitions; one grain, keyed <see cref="ContactFields"/>.</summary>
public interface IFieldCatalogGrain : IGrainWithStringKey
{
    public const string ContactFields = "contact";

    /// <summary>The fields in display order; Mautic's core fields until an operator changes them.</summary>
    [ReadOnly]
    Task<IReadOnlyList<FieldDefinition>> Get();

    /// <summary>Adds a field, or replaces the one with the same alias (aliases compare case-insensitively).</summary>
    Task<IReadOnlyList<FieldDefinition>> Upsert(FieldDefinition field);

    /// <summary>Adds a new field under a fresh id; <see cref="FieldChangeOutcome.AliasTaken"/> (and the holder) when its alias is in use.</summary>
    Task<FieldChange> Create(FieldDefinition field);

    /// <summary>
    /// Replaces the field with <paramref name="field"/>'s id. Its alias never changes, nor the type of a core field, because
    /// stored contact values and the contacts table's columns are keyed by them.
    /// </summary>
    Task<FieldChange> Edit(FieldDefinition field);

    /// <summary>Removes a custom field; removing a core field throws. Answers whether the field existed.</summary>
    Task<bool> Remove(string alias);
}

public enum FieldChangeOutcome
{
    Done,
    NotFound,
    AliasTaken,
}

public sealed record FieldChange(FieldChangeOutcome Outcome, FieldDefinition? Field);
