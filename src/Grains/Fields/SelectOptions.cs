using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Grains.Errors;
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

    /// <summary>
    /// Why properties.list of a select or multiselect holds an option no contact could ever be given, or null: one
    /// without a value (an option object with none, or an entry that is no value), one of blanks or control characters
    /// (a contact's value may hold neither), or a multiselect's holding the '|' that joins its values.
    /// </summary>
    public static string? Unusable(string type, JsonObject properties)
    {
        if (type is not ("select" or "multiselect") || properties["list"] is not JsonArray items)
            return null;
        for (var i = 0; i < items.Count; i++)
        {
            var value = items[i] is JsonObject option ? Text(option["value"]) : Text(items[i]);
            if (string.IsNullOrWhiteSpace(value))
                return $"Option {i + 1} of properties.list has no value.";
            if (!XmlText.IsValid(value))
                return $"Option {i + 1} of properties.list {XmlText.Problem}";
            if (type == "multiselect" && value.Contains('|'))
                return $"The option {EchoedInput.Cap(value)} of a multiselect cannot hold |, which joins its values.";
        }
        return null;
    }

    private static string? Text(JsonNode? node) => node is not JsonValue value ? null
        : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
}
