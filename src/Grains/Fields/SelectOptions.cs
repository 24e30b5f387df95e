using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Interfaces.Fields;

namespace Actors.Grains.Fields;

/// <summary>The option values of a select or multiselect field: properties.list as [{label, value}], ["a", …] or "a|b".</summary>
public static class SelectOptions
{
    public static IReadOnlyList<string> Of(FieldDefinition field)
    {
        var list = (JsonNode.Parse(field.Properties) as JsonObject)?["list"];
        return list switch
        {
            JsonArray items => items.Select(i => i is JsonObject option ? Text(option["value"]) : Text(i)).OfType<string>().ToArray(),
            JsonValue text when Text(text) is { } joined => joined.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            _ => [],
        };
    }

    private static string? Text(JsonNode? node) => node is not JsonValue value ? null
        : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
}
