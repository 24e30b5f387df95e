using Actors.Grains.Companies;
using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Interfaces.Companies;

namespace Actors.Api.Companies;

/// <summary>
/// A company in Mautic's shape: its fields grouped (core, professional) with their definitions and values, plus
/// "all" as alias to value; numbers are numbers, nulls are written, dates ISO-8601 with offset.
/// </summary>
public static class CompanyJson
{
    public static JsonObject Write(CompanySnapshot company)
    {
        var groups = new Dictionary<string, JsonObject> { ["core"] = [], ["professional"] = [] };
        var all = new JsonObject { ["id"] = company.Id };
        var position = 0;
        foreach (var field in CompanyFields.All)
        {
            var value = Typed(field, company.Fields.GetValueOrDefault(field.Alias));
            all[field.Alias] = value?.DeepClone();
            groups[field.Group][field.Alias] = new JsonObject
            {
                ["id"] = (++position).ToString(CultureInfo.InvariantCulture),
                ["label"] = field.Label,
                ["alias"] = field.Alias,
                ["type"] = field.Type,
                ["group"] = field.Group,
                ["object"] = "company",
                ["is_fixed"] = "1",
                ["default_value"] = null,
                ["value"] = value,
            };
        }
        var fields = new JsonObject();
        foreach (var (name, group) in groups)
            fields[name] = group;
        fields["other"] = new JsonArray();
        fields["all"] = all;
        return new JsonObject
        {
            ["isPublished"] = true,
            ["dateAdded"] = ContactJson.Date(company.DateAdded),
            ["dateModified"] = ContactJson.Date(company.DateModified),
            ["createdBy"] = null,
            ["createdByUser"] = null,
            ["modifiedBy"] = null,
            ["modifiedByUser"] = null,
            ["id"] = company.Id,
            ["score"] = 0,
            ["fields"] = fields,
        };
    }

    private static JsonNode? Typed(CompanyField field, string? value)
    {
        if (value is null)
            return null;
        // A non-finite number stored before writes refused them cannot be written as JSON: it reads as no value.
        if (field.Type == "number" && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return !double.IsFinite(number) ? null : number == Math.Floor(number) && Math.Abs(number) < long.MaxValue ? (long)number : number;
        return value;
    }
}
