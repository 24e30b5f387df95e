using System.Text.Json.Nodes;
using Actors.Interfaces.Fields;

namespace Actors.Grains.Fields;

/// <summary>
/// A contact's field value as a person reads it, Mautic's normalizedValue (CustomFieldValueHelper::normalize): a
/// boolean's "1" or "0" as the field's yes or no label, a select's value as its option's label, a multiselect's values
/// each so and joined again by '|'. Every other type, and a value no label is given for, reads as stored; a lookup too,
/// since Mautic's options of one are plain values. No value reads as "", as Mautic gives it.
/// </summary>
public static class NormalizedValues
{
    // What Mautic's field form fills a boolean's labels with; a field made through the API without them reads so too.
    private const string DefaultYes = "Yes";
    private const string DefaultNo = "No";

    public static string Of(FieldDefinition field, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        return field.Type switch
        {
            "boolean" => BooleanLabel(field, value) ?? value,
            "select" => OptionLabel(field, value) ?? value,
            "multiselect" => string.Join('|', value.Split('|').Select(one => OptionLabel(field, one) ?? one)),
            _ => value,
        };
    }

    /// <summary>Whether <see cref="Of"/> can read a value of this type otherwise than as stored.</summary>
    public static bool Labels(FieldDefinition field) => field.Type is "boolean" or "select" or "multiselect";

    private static string? BooleanLabel(FieldDefinition field, string value)
    {
        if (value is not ("1" or "0"))
            return null;
        // Mautic looks the value up as a key first, so properties {"1": "On"} name the label outright.
        if (JsonNode.Parse(field.Properties) is JsonObject properties && Text(properties[value]) is { } byKey)
            return byKey;
        var (yes, no) = FieldValueRules.BooleanLabels(field);
        return value == "1"
            ? string.IsNullOrEmpty(yes) ? DefaultYes : yes
            : string.IsNullOrEmpty(no) ? DefaultNo : no;
    }

    /// <summary>The label of the option of this value; null for none, or an option given as a plain value.</summary>
    private static string? OptionLabel(FieldDefinition field, string value)
    {
        if ((JsonNode.Parse(field.Properties) as JsonObject)?["list"] is not JsonArray list)
            return null;
        return list.OfType<JsonObject>().FirstOrDefault(option => ValueText(option["value"]) == value) is { } found ? Text(found["label"]) : null;
    }

    private static string? Text(JsonNode? node) => node is JsonValue text && text.TryGetValue<string>(out var s) ? s : null;

    // An option's value as SelectOptions reads it: a number given unquoted is the value its JSON spells.
    private static string? ValueText(JsonNode? node) => Text(node) ?? (node as JsonValue)?.ToJsonString();
}
