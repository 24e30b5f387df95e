using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Fields;

/// <summary>
/// The contact field definitions; one grain, keyed <see cref="ContactFields"/>. Every change it takes refuses
/// (ArgumentException) a unique identifier field with a default value, which would give every contact made without a
/// value the one "unique" value.
/// </summary>
public interface IFieldCatalogGrain : IGrainWithStringKey
{
    public const string ContactFields = "contact";

    /// <summary>The fields in display order, but those being removed; Mautic's core fields until an operator changes them.</summary>
    [ReadOnly]
    Task<IReadOnlyList<FieldDefinition>> Get();

    /// <summary>The fields a delete marked (<see cref="BeginRemove"/>) and has not removed yet: deletes cut short.</summary>
    [ReadOnly]
    Task<IReadOnlyList<FieldDefinition>> Removing();

    /// <summary>
    /// Those of <paramref name="ids"/> whose field is being removed or gone: a write checked against an earlier read of
    /// the catalog asks after it landed, and takes back its values of these fields (see Actors.Grains.Fields.GoingFields).
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<long>> Gone(IReadOnlyList<long> ids);

    /// <summary>Adds a field, or replaces the one with the same alias (aliases compare case-insensitively).</summary>
    Task<IReadOnlyList<FieldDefinition>> Upsert(FieldDefinition field);

    /// <summary>Adds a new field under a fresh id; <see cref="FieldChangeOutcome.AliasTaken"/> (and the holder) when its alias is in use.</summary>
    Task<FieldChange> Create(FieldDefinition field);

    /// <summary>
    /// Replaces the field with <paramref name="field"/>'s id. Its alias never changes, nor the type of a core field, because
    /// stored contact values and the contacts table's columns are keyed by them.
    /// </summary>
    Task<FieldChange> Edit(FieldDefinition field);

    /// <summary>
    /// Marks a custom field as being removed and answers it, or null when there is none; one marked already is answered
    /// too, so repeating a delete that a crash cut short finds it. From then on <see cref="Get"/> leaves it out, so writes
    /// naming it are refused as for an unknown field, while its alias stays taken until <see cref="Remove"/>. Marking a
    /// core field throws.
    /// </summary>
    Task<FieldDefinition?> BeginRemove(long id);

    /// <summary>
    /// Removes the custom field with this id, marked or not; removing a core field throws. Answers whether the field
    /// existed. By id, not alias, so that a delete repeated late never removes a field made since with the same alias.
    /// </summary>
    Task<bool> Remove(long id);
}

public enum FieldChangeOutcome
{
    Done,
    NotFound,
    AliasTaken,
}

public sealed record FieldChange(FieldChangeOutcome Outcome, FieldDefinition? Field);
