using Actors.Interfaces.Fields;

namespace Actors.Grains.Fields;

/// <summary>
/// Mautic's default contact fields (LeadBundle FieldModel::$coreFields, MAUTIC-SPEC 3.2), in display order.
/// Email is the only unique identifier and no field is publicly updatable until an operator says so.
/// </summary>
public static class CoreFields
{
    // The properties Mautic 5's installer gives its fields (FieldModel::$coreFields): the title's suggestions, and the
    // attribution's two decimals rounded half up (roundmode 4, PHP's NumberFormatter::ROUND_HALFUP). No other has any.
    private const string TitleProperties = """{"list":["Mr","Mrs","Miss"]}""";
    private const string AttributionProperties = """{"roundmode":4,"scale":2}""";

    public static readonly IReadOnlyList<FieldDefinition> All = Numbered(
    [
        Core("title", "Title", "lookup") with { Properties = TitleProperties },
        Core("firstname", "First Name"),
        Core("lastname", "Last Name"),
        Core("company", "Primary company"),
        Core("position", "Position"),
        Core("email", "Email", "email") with { IsUniqueIdentifier = true },
        Core("mobile", "Mobile", "tel"),
        Core("phone", "Phone", "tel"),
        Core("points", "Points", "number") with { DefaultValue = "0" },
        Core("fax", "Fax", "tel"),
        Core("address1", "Address Line 1"),
        Core("address2", "Address Line 2"),
        Core("city", "City"),
        Core("state", "State", "region"),
        Core("zipcode", "Zip Code"),
        Core("country", "Country", "country"),
        Core("preferred_locale", "Preferred Locale", "locale"),
        Core("timezone", "Preferred Timezone", "timezone"),
        Core("last_active", "Date Last Active", "datetime"),
        Core("attribution_date", "Attribution Date", "datetime"),
        Core("attribution", "Attribution", "number") with { Properties = AttributionProperties },
        Core("website", "Website", "url"),
        Social("facebook", "Facebook"),
        Social("foursquare", "Foursquare"),
        Social("instagram", "Instagram"),
        Social("linkedin", "LinkedIn"),
        Social("skype", "Skype"),
        Social("twitter", "Twitter"),
    ]);

    private static readonly HashSet<string> Aliases = All.Select(f => f.Alias).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static bool Contains(string alias) => Aliases.Contains(alias);

    /// <summary>
    /// <paramref name="field"/> with the properties Mautic installs its core field of that alias with, where it holds none:
    /// catalogs stored before core fields had them (see FieldCatalogState.CorePropertiesFilled).
    /// </summary>
    public static FieldDefinition WithInstalledProperties(FieldDefinition field)
        => field.Properties.Trim() is "{}" or "" && All.FirstOrDefault(core => core.Alias == field.Alias) is { Properties: not "{}" } core
            ? field with { Properties = core.Properties }
            : field;

    /// <summary>Ids and orders 1, 2, 3... in Mautic's installation order, so core field ids are the same everywhere.</summary>
    private static FieldDefinition[] Numbered(FieldDefinition[] fields)
        => fields.Select((f, i) => f with { Id = i + 1, Order = i + 1 }).ToArray();

    private static FieldDefinition Core(string alias, string label, string type = "text")
        => new(alias, label, type, "core", IsUniqueIdentifier: false, IsPubliclyUpdatable: false, DefaultValue: null, IsPublished: true);

    private static FieldDefinition Social(string alias, string label) => Core(alias, label) with { Group = "social" };
}
