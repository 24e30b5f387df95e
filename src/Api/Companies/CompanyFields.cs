namespace Actors.Api.Companies;

/// <summary>
/// Mautic's default company fields (its FieldModel core company fields): the core group for name and contact
/// details, the professional group for size, revenue, industry and description. Company fields are not editable here.
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

    private static CompanyField Field(string alias, string label, string type, string group) => new(alias, label, type, group);
}

/// <summary>One company field as Mautic's lead_fields describes it (object "company").</summary>
public sealed record CompanyField(string Alias, string Label, string Type, string Group);
