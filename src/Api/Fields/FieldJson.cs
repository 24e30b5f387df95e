using System.Text.Json.Nodes;
using Actors.Api.Catalogs;
using Actors.Interfaces.Fields;

namespace Actors.Api.Fields;

/// <summary>A contact field as /api/fields/contact answers it (Mautic's lead_fields entity).</summary>
public static class FieldJson
{
    public static JsonObject Write(FieldDefinition field, bool isCore)
    {
        var json = EntryJson.Audited(field.Id, field.IsPublished, field.DateAdded, field.DateModified, field.CreatedBy, field.ModifiedBy);
        foreach (var (name, value) in Listed(field).Where(m => m.Key != "id"))
            json[name] = value?.DeepClone();
        json["defaultValue"] = field.DefaultValue;
        json["isRequired"] = field.IsRequired;
        json["isPubliclyUpdatable"] = field.IsPubliclyUpdatable;
        json["isUniqueIdentifier"] = field.IsUniqueIdentifier;
        json["isFixed"] = isCore;
        json["properties"] = JsonNode.Parse(field.Properties);
        return json;
    }

    /// <summary>The short form of GET /contacts/list/fields (seed 004 "List Available Fields").</summary>
    public static JsonObject Listed(FieldDefinition field) => new()
    {
        ["id"] = field.Id,
        ["label"] = field.Label,
        ["alias"] = field.Alias,
        ["type"] = field.Type,
        ["group"] = field.Group,
        ["order"] = field.Order,
        ["object"] = "lead",
    };
}
