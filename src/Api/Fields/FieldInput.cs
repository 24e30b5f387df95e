using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Catalogs;
using Actors.Api.Contacts;
using Actors.Grains.Fields;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Fields;

namespace Actors.Api.Fields;

/// <summary>
/// A field body of /api/fields/contact read into a <see cref="FieldDefinition"/>: label (required), alias (made from
/// the label when absent: lower-case letters, digits and "_", numbered when taken), type (default text), group
/// (default core), order, isPublished, isRequired, isUniqueIdentifier (Mautic also spells it isUniqueIdentifer),
/// isPubliclyUpdatable, defaultValue (a value of the field's type, checked as a contact's value is; a list for a
/// multiselect; none on a unique identifier) and properties
/// (select and multiselect need properties.list, their options, each value once; a number's scale is 0 to 15).
/// An alias may not shadow the contact body's own members or the contacts table's columns.
/// </summary>
public static class FieldInput
{
    public const int MaxAliasLength = 64;

    /// <summary>Mautic's made aliases are at most 25 characters.</summary>
    public const int MaxMadeAliasLength = 25;

    public static readonly string[] Types =
    [
        "text", "textarea", "email", "tel", "number", "boolean", "select", "multiselect", "lookup", "date", "datetime", "time",
        "timezone", "country", "region", "locale", "url", "html",
    ];

    /// <summary>
    /// The most bytes a field's properties take as UTF-8 JSON: 64 KiB. Every contact answer embeds them once per field,
    /// so a field of 900 KB had made a page of 27 contacts 25 MB. Mautic keeps them PHP-serialized in a TEXT column
    /// (65535 bytes), which holds fewer options than this does as JSON: 1,500 options such as {"label":"Option 1234",
    /// "value":"1234"} fit here, and 2,000 of {"label":"1234","value":"1234"}.
    /// </summary>
    public const int MaxPropertiesBytes = 64 * 1024;

    /// <summary>A default value is at most 255 characters whatever the field's type: Mautic's default_value column.</summary>
    private static readonly FieldValueLimits DefaultValueLimits = new(ContactOptions.DefaultMaxFieldLength, ContactOptions.DefaultMaxFieldLength);

    public static readonly string[] Groups = ["core", "social", "personal", "professional"];

    private static readonly string[] Members =
    [
        "label", "alias", "type", "group", "order", "object", "isPublished", "isRequired", "isUniqueIdentifier", "isUniqueIdentifer",
        "isPubliclyUpdatable", "defaultValue", "properties",
    ];

    /// <summary>
    /// Whether a contact body could not tell a field of this alias from one of its own members or columns, or the
    /// contacts search could not reach it as alias:value, the alias being one of its commands.
    /// </summary>
    public static bool IsReserved(string alias)
        => ContactPayload.IsSpecial(alias) || (!CoreFields.Contains(alias) && (ContactColumns.Column(alias) is not null || SearchCommandNames.All.Contains(alias)));

    /// <param name="maxLength">Contacts:MaxFieldLength, which a select's options must fit as its values must.</param>
    public static FieldDefinition? Read(ResourceInput input, FieldDefinition? existing, bool partial, IReadOnlyList<FieldDefinition> others, int maxLength)
    {
        input.AllowOnly(Members);
        var kept = partial ? existing : null;
        var label = input.Text("label", required: kept is null) ?? kept?.Label;
        var alias = existing?.Alias;
        if (input.Text("alias", maxLength: MaxAliasLength) is { } given)
        {
            var cleaned = Aliases.Clean(given, '_', MaxAliasLength);
            // Mautic makes the alias the field's column, so an edit may repeat it but never change it.
            if (existing is not null)
            {
                if (!string.Equals(cleaned, existing.Alias, StringComparison.OrdinalIgnoreCase))
                    input.Problem("alias", $"A field's alias cannot change once it is made; this field's is '{existing.Alias}'.");
            }
            else if (cleaned.Length == 0 || IsReserved(cleaned))
                input.Problem("alias", cleaned.Length == 0 ? "An alias needs a letter or a digit." : $"'{cleaned}' is reserved for the contact's own members and search commands.");
            else
                alias = cleaned;
        }
        var type = input.Text("type") ?? kept?.Type ?? existing?.Type ?? "text";
        if (!Types.Contains(type))
            input.Problem("type", "Must be one of " + string.Join(", ", Types) + ".");
        else if (existing is not null && type != existing.Type)
            input.Problem("type", "The type of a field cannot change once contacts may hold values of it.");
        var group = input.Text("group") ?? kept?.Group ?? existing?.Group ?? "core";
        if (!Groups.Contains(group))
            input.Problem("group", "Must be one of " + string.Join(", ", Groups) + ".");
        if (input.Text("object") is { } objectName && objectName is not ("lead" or "contact"))
            input.Problem("object", "This catalog holds contact fields only (lead).");
        var order = input.Number("order");
        if (order is < 0 or > FieldDefinition.MaxOrder)
            input.Problem("order", $"Must be from 0 to {FieldDefinition.MaxOrder}.");
        var isPublished = input.Flag("isPublished");
        var isRequired = input.Flag("isRequired");
        var isUnique = input.Flag("isUniqueIdentifier") ?? input.Flag("isUniqueIdentifer");
        var isPublic = input.Flag("isPubliclyUpdatable");
        // Its length is the value rules' to check, in characters as for a contact's value. A multiselect's default may be a
        // list, as its value may be, stored joined by '|' as Mautic stores both.
        string? defaultValue;
        if (type == "multiselect" && input.Values("defaultValue") is { } options)
            defaultValue = options.Count == 0 ? null : string.Join('|', options);
        else
            defaultValue = input.Text("defaultValue", maxLength: int.MaxValue);
        var properties = input.Object("properties");
        var givenProperties = properties?.ToJsonString();
        if (givenProperties is not null && Encoding.UTF8.GetByteCount(givenProperties) is var bytes && bytes > MaxPropertiesBytes)
            input.Problem("properties", $"At most {MaxPropertiesBytes} bytes ({MaxPropertiesBytes / 1024} KiB) of JSON; these are {bytes}.");
        else if (properties is not null && (SelectOptions.Unusable(type, properties, maxLength) ?? NumberScale.Unusable(type, properties)) is { } unusable)
            input.Problem("properties", unusable);
        var stored = givenProperties ?? kept?.Properties ?? existing?.Properties ?? "{}";
        if (!input.IsValid || label is null)
            return null;
        alias ??= Aliases.Unique(MadeAlias(label), candidate => IsReserved(candidate) || others.Any(o => string.Equals(o.Alias, candidate, StringComparison.OrdinalIgnoreCase)));

        var field = new FieldDefinition(alias, label, type, group,
            isUnique ?? kept?.IsUniqueIdentifier ?? false,
            isPublic ?? kept?.IsPubliclyUpdatable ?? false,
            input.Has("defaultValue") ? defaultValue : kept?.DefaultValue,
            isPublished ?? kept?.IsPublished ?? true)
        {
            Id = existing?.Id ?? 0,
            Order = order ?? existing?.Order ?? 0,
            IsRequired = isRequired ?? kept?.IsRequired ?? false,
            Properties = stored,
        };
        // A unique value becomes a key of the identifier index, which cannot hold a TEXT column's values (see FieldValueLimits).
        if (field is { Type: "textarea", IsUniqueIdentifier: true })
        {
            input.Problem("isUniqueIdentifier", "A textarea field cannot be a unique identifier: its values are too long to index.");
            return null;
        }
        // Named after what the body changes: a default given, else the flag; a field an older build stored with both
        // is refused on any edit that keeps them, so that the catalog loses the pair on its next change.
        if (DefaultValues.IsUniqueWithDefault(field))
        {
            input.Problem(input.Has("defaultValue") || isUnique is null ? "defaultValue" : "isUniqueIdentifier", DefaultValues.UniqueFieldProblem);
            return null;
        }
        if (type is "select" or "multiselect" && SelectOptions.Of(field).Count == 0)
        {
            input.Problem("properties", "A select or multiselect field needs its options in properties.list.");
            return null;
        }
        // Every contact created without a value gets the default, so it must be a value the field could be given.
        if (field.DefaultValue is { } value)
        {
            var (checkedValue, problem) = FieldValueRules.Check(field, value, DefaultValueLimits);
            if (problem is not null)
            {
                input.ValueProblem("defaultValue", problem);
                return null;
            }
            field = field with { DefaultValue = checkedValue };
        }
        return field;
    }

    private static string MadeAlias(string label)
    {
        var alias = Aliases.Clean(label, '_', MaxMadeAliasLength);
        return alias.Length == 0 ? "field" : char.IsAsciiDigit(alias[0]) ? "f_" + alias : alias;
    }
}
