using Actors.Grains.Contacts;
using Actors.Grains.Fields;
using Actors.Grains.Imports;
using Actors.Interfaces.Text;

namespace Actors.Grains.Companies;

/// <summary>
/// Mautic's default company fields (its FieldModel core company fields): the core group for name and contact
/// details, the professional group for size, revenue, industry and description. Company fields are not editable here.
/// Their values are checked alike wherever they come from: the companies API, a tracking hit, an import's columns.
/// </summary>
public static class CompanyFields
{
    public static readonly IReadOnlyList<CompanyField> All =
    [
        Field("companyname", "Company Name", "text", "core"),
        Field("companyemail", "Company Email", "email", "core"),
        Field("companyaddress1", "Address 1", "text", "core"),
        Field("companyaddress2", "Address 2", "text", "core"),
        Field("companyphone", "Phone", "tel", "core"),
        Field("companycity", "City", "text", "core"),
        Field("companystate", "State", "region", "core"),
        Field("companyzipcode", "Zip Code", "text", "core"),
        Field("companycountry", "Country", "country", "core"),
        Field("companywebsite", "Website", "url", "core"),
        Field("companynumber_of_employees", "Number of Employees", "number", "professional"),
        Field("companyfax", "Fax", "tel", "professional"),
        Field("companyannual_revenue", "Annual Revenue", "number", "professional"),
        Field("companyindustry", "Industry", "select", "professional"),
        Field("companydescription", "Description", "text", "professional"),
    ];

    public static CompanyField? Find(string alias) => All.FirstOrDefault(f => f.Alias.Equals(alias, StringComparison.OrdinalIgnoreCase));

    /// <summary>Why <paramref name="value"/> cannot be stored in the field, worded to follow its alias; null when it can.</summary>
    public static string? Problem(CompanyField field, string value)
        => !XmlText.IsValid(value) ? XmlText.Problem
            : field.Type == "email" && !EmailAddress.LooksValid(value) ? "must be a valid email."
            : field.Type == "number" && !ImportValues.Number(value, out _) ? "must be a number."
            : field.Type == "url" && WebAddress.Normalize(value) is null ? WebAddress.Problem
            : null;

    /// <summary>
    /// A value <see cref="Problem"/> accepts, in its stored form, as a contact's field of the type stores it: a number
    /// in its one form, a web address with http:// added where it names no scheme.
    /// </summary>
    public static string Stored(CompanyField field, string value) => field.Type switch
    {
        "number" when ImportValues.Number(value, out var number) => number,
        "url" when WebAddress.Normalize(value) is { } address => address,
        _ => value,
    };

    private static CompanyField Field(string alias, string label, string type, string group) => new(alias, label, type, group);
}

/// <summary>One company field as Mautic's lead_fields describes it (object "company").</summary>
public sealed record CompanyField(string Alias, string Label, string Type, string Group);
