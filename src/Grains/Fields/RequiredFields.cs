using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;

namespace Actors.Grains.Fields;

/// <summary>
/// Mautic's isRequired, for the REST writes and the import alike: a new contact must get a value for every published
/// required field, from the edit or from the field's default; an existing contact keeps the values it has, so an edit
/// of one needs none, but may not clear one (a blank with overwriteWithBlank, or a PUT leaving it out) unless its
/// default takes its place. The API answers 422 for such a write; the import ignores such a row.
/// </summary>
public static class RequiredFields
{
    public const string Problem = "A value is required.";

    /// <summary>The message naming every field in <paramref name="aliases"/>, joined as Mautic joins a form's errors (as the API's field errors are).</summary>
    public static string Message(IEnumerable<string> aliases) => string.Join(", ", aliases.Select(alias => $"{alias}: {Problem}"));

    /// <summary>The aliases of the required fields a new contact made from <paramref name="edit"/> would lack.</summary>
    public static IReadOnlyList<string> MissingFrom(IEnumerable<FieldDefinition> fields, ContactEdit edit) => fields
        .Where(field => field.IsPublished && field.IsRequired
            && string.IsNullOrWhiteSpace(edit.Fields.GetValueOrDefault(field.Alias)) && !edit.FieldDefaults.ContainsKey(field.Alias))
        .Select(field => field.Alias)
        .ToArray();

    /// <summary>The aliases of the required fields <paramref name="edit"/> would clear on an existing contact, no default taking their place.</summary>
    public static IReadOnlyList<string> ClearedBy(IEnumerable<FieldDefinition> fields, ContactEdit edit) => fields
        .Where(field => field.IsPublished && field.IsRequired
            && edit.Fields.TryGetValue(field.Alias, out var value) && string.IsNullOrWhiteSpace(value) && !edit.FieldDefaults.ContainsKey(field.Alias))
        .Select(field => field.Alias)
        .ToArray();

    /// <summary>The published required fields that no column of an import maps: Mautic refuses such a mapping.</summary>
    public static IReadOnlyList<string> Unmapped(IEnumerable<FieldDefinition> fields, IEnumerable<string?> targets)
    {
        var mapped = targets.OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return fields.Where(field => field.IsPublished && field.IsRequired && !mapped.Contains(field.Alias)).Select(field => field.Alias).ToArray();
    }
}
