using Actors.Interfaces.Fields;

namespace Actors.Grains.Fields;

/// <summary>
/// Mautic's field default values: a write that gives no value of a published field with a default carries the default,
/// which the contact takes where it holds none (the REST create and PUT) or only when the write creates it (the import,
/// whose LeadModel::import fills defaults for a new contact alone).
/// </summary>
public static class DefaultValues
{
    // The contact's lastActive member under its field alias: a moment, never defaulted.
    private const string LastActiveField = "last_active";

    /// <summary>The defaults, by alias, of the published fields the write gives no value of (<paramref name="isGiven"/> false).</summary>
    public static IReadOnlyDictionary<string, string> LeftOutOf(IEnumerable<FieldDefinition> fields, Func<string, bool> isGiven) => fields
        .Where(f => f.IsPublished && !string.IsNullOrEmpty(f.DefaultValue) && f.Alias != LastActiveField && !isGiven(f.Alias))
        .ToDictionary(f => f.Alias, f => f.DefaultValue!);
}
