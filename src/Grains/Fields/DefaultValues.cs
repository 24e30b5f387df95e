using Actors.Interfaces.Fields;

namespace Actors.Grains.Fields;

/// <summary>
/// Mautic's field default values: a write that gives no value of a published field with a default carries the default,
/// which the contact takes where it holds none (the REST create and PUT) or only when the write creates it (the import,
/// whose LeadModel::import fills defaults for a new contact alone).
/// A unique identifier field has no default (<see cref="UniqueFieldProblem"/>): every contact made without a value would
/// take the one default, so one "unique" value would name many contacts, none of them holding it in the identifier
/// index. What we know of Mautic says nothing of the pair; the catalog refuses it, and the default of a unique field that a
/// catalog stored by an older build still holds is never given to a contact, though it stays in the field's
/// definition until an operator clears it.
/// </summary>
public static class DefaultValues
{
    public const string UniqueFieldProblem = "A unique identifier field cannot have a default value: every contact made without a value would hold it.";

    // The contact's lastActive member under its field alias: a moment, never defaulted.
    private const string LastActiveField = "last_active";

    /// <summary>Whether <paramref name="field"/> is a unique identifier with a default value, which no field may be.</summary>
    public static bool IsUniqueWithDefault(FieldDefinition field) => field.IsUniqueIdentifier && !string.IsNullOrEmpty(field.DefaultValue);

    /// <summary>
    /// The defaults, by alias, of the published fields the write gives no value of (<paramref name="isGiven"/> false);
    /// never a unique field's, which only an older build's catalog can hold.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LeftOutOf(IEnumerable<FieldDefinition> fields, Func<string, bool> isGiven) => fields
        .Where(f => f.IsPublished && !string.IsNullOrEmpty(f.DefaultValue) && !f.IsUniqueIdentifier && f.Alias != LastActiveField && !isGiven(f.Alias))
        .ToDictionary(f => f.Alias, f => f.DefaultValue!);
}
