using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Grains.Errors;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Text;

namespace Actors.Grains.Fields;

/// <summary>The option values of a select or multiselect field: properties.list as [{label, value}], ["a", …] or "a|b".</summary>
public static class SelectOptions
{
    public static IReadOnlyList<string> Of(FieldDefinition field) => Values((JsonNode.Parse(field.Properties) as JsonObject)?["list"]).OfType<string>().ToArray();

    /// <summary>
    /// Why properties.list of a select, multiselect or lookup holds an option no contact could ever be given, or null:
    /// one without a value (an option object with none, or an entry that is no value), one of blanks or control
    /// characters (a contact's value may hold neither), one with blanks around it (Mautic's spec says nothing of
    /// trimming options, so they are refused rather than changed), one longer than <paramref name="maxLength"/>
    /// characters (Contacts:MaxFieldLength, the longest value such a field takes), a multiselect's holding the '|'
    /// that joins its values, or one of a value an earlier option has.
    /// </summary>
    public static string? Unusable(string type, JsonObject properties, int maxLength)
    {
        if (type is not ("select" or "multiselect" or "lookup"))
            return null;
        var values = Values(properties["list"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (string.IsNullOrWhiteSpace(value))
                return $"Option {i + 1} of properties.list has no value.";
            if (!XmlText.IsValid(value))
                return $"Option {i + 1} of properties.list {XmlText.Problem}";
            if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
                return $"The option \"{EchoedInput.Cap(value)}\" of properties.list begins or ends with a blank; give it without.";
            if (FieldValueLimits.Exceeds(value, maxLength))
                return $"The option \"{EchoedInput.Cap(value)}\" of properties.list is longer than {maxLength} characters, the longest value of this field.";
            if (type == "multiselect" && value.Contains('|'))
                return $"The option {EchoedInput.Cap(value)} of a multiselect cannot hold |, which joins its values.";
            // A contact's value names its option by value alone, so two options of one value would be one choice.
            if (!seen.Add(value))
                return $"The option \"{EchoedInput.Cap(value)}\" of properties.list is given twice; each value may be given once.";
        }
        return null;
    }

    /// <summary>Each option's value, null where an option has none.</summary>
    private static string?[] Values(JsonNode? list) => list switch
    {
        JsonArray items => items.Select(i => i is JsonObject option ? Text(option["value"]) : Text(i)).ToArray(),
        JsonValue text when Text(text) is { } joined => joined.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        _ => [],
    };

    private static string? Text(JsonNode? node) => node is not JsonValue value ? null
        : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
}
