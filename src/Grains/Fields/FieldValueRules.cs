using System.Text.Json.Nodes;
using Actors.Grains.Contacts;
using Actors.Grains.Imports;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Text;

namespace Actors.Grains.Fields;

/// <summary>
/// What a value must be to be stored in a contact field of each type (MAUTIC-SPEC 3.7), in one place for every path
/// that writes one: the REST writes, tracking's publicly updatable fields, the fields' default values and the import's
/// rows. Text XML can hold, at most the field's length (<see cref="FieldValueLimits"/>), an email that looks valid, a
/// finite number (stored in its one form), an option of the select's list (a multiselect's options joined by '|', trimmed, each once), one of
/// Mautic's boolean spellings (stored 1/0), a date of the type (stored in its form), a web address (http:// added
/// where no scheme is named), a time zone id tzdata knows (Mautic's timezone field offers PHP's list of them). The import leaves a boolean of
/// another spelling and a zero date out rather than refuse its row (MAUTIC-SPEC 4.1); that is the import's own rule.
/// </summary>
public static class FieldValueRules
{
    /// <summary>The value in its stored form, or the problem that refuses it, worded to follow the field's alias.</summary>
    public static (string? Value, string? Problem) Check(FieldDefinition field, string value, FieldValueLimits limits)
    {
        if (!XmlText.IsValid(value))
            return (null, XmlText.Problem);
        if (limits.For(field) is var maxLength && FieldValueLimits.Exceeds(value, maxLength))
            return (null, $"is longer than {maxLength} characters.");
        if (field.Type == "email")
            return EmailAddress.LooksValid(value) ? (value.Trim(), null) : (null, "must be a valid email.");
        if (field.Type == "number")
            return ImportValues.Number(value, out var number) ? (number, null) : (null, "must be a number.");
        if (field.Type == "timezone")
            return TimeZoneIds.Known(value.Trim()) is { } zone ? (zone, null) : (null, "must be a time zone id such as Europe/Paris.");
        if (field.Type == "url")
            return WebAddress.Normalize(value) is { } address ? (address, null) : (null, WebAddress.Problem);
        if (field.Type == "select")
            return AreOptions(field, [value]) ? (value, null) : (null, Choices(field));
        if (field.Type == "multiselect")
        {
            var chosen = ImportValues.List(value).Distinct(StringComparer.Ordinal).ToArray();
            return chosen.Length > 0 && AreOptions(field, chosen) ? (string.Join('|', chosen), null) : (null, Choices(field));
        }
        if (HasStoredForm(field))
        {
            return StoredForm(field, value) is { } stored ? (stored, null)
                : field.Type == "boolean" ? (null, "must be true or false (1/0, yes/no, on/off" + LabelsText(field) + ").")
                : (null, $"must be a {field.Type} such as {DateExample(field.Type)}.");
        }
        return (value, null);
    }

    /// <summary>Whether the field's values are read into one stored form (<see cref="StoredForm"/>): booleans, dates, datetimes and times.</summary>
    public static bool HasStoredForm(FieldDefinition field) => field.Type == "boolean" || ImportValues.IsDateType(field.Type);

    /// <summary>
    /// A boolean, date, datetime or time value in the form it is stored in (1/0, Y-m-d, Y-m-d H:i:s in UTC, H:i:s), as
    /// writes store it and where expressions compare it; null when the value is none of the type or the field no such type.
    /// </summary>
    public static string? StoredForm(FieldDefinition field, string value)
    {
        if (field.Type == "boolean")
            return Boolean(field, value) is { } flag ? (flag ? "1" : "0") : null;
        return ImportValues.IsDateType(field.Type) && ImportValues.Date(field.Type, value, out var date) ? date : null;
    }

    /// <summary>
    /// Values sent as a list (a JSON array, or <c>ms[]=a&amp;ms[]=b</c> in a form or tracking hit) as the one text
    /// <see cref="Check"/> takes: joined by '|' as Mautic stores a multiselect's. Null for any other type, which takes
    /// a single value only.
    /// </summary>
    public static string? ListText(FieldDefinition field, IEnumerable<string?> values)
        => field.Type == "multiselect" ? string.Join('|', values) : null;

    /// <summary>
    /// A boolean field's value as true or false: one of Mautic's spellings, else the field's own yes or no label
    /// (properties <c>{"yes":"Ja","no":"Nein"}</c>, MAUTIC-SPEC 3.7), ignoring case and blanks around it; null for anything else.
    /// </summary>
    public static bool? Boolean(FieldDefinition field, string value)
    {
        var trimmed = value.Trim();
        if (ImportValues.Boolean(trimmed) is { } flag)
            return flag;
        var (yes, no) = BooleanLabels(field);
        return Same(yes, trimmed) ? true : Same(no, trimmed) ? false : null;

        static bool Same(string? label, string value) => !string.IsNullOrEmpty(label) && string.Equals(label.Trim(), value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The boolean field's own yes and no labels (properties.yes, properties.no), each null where it has none.</summary>
    internal static (string? Yes, string? No) BooleanLabels(FieldDefinition field)
        => JsonNode.Parse(field.Properties) is JsonObject properties
            ? (Label(properties["yes"]), Label(properties["no"]))
            : (null, null);

    private static string? Label(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string LabelsText(FieldDefinition field) => BooleanLabels(field) switch
    {
        ({ Length: > 0 } yes, { Length: > 0 } no) => $", {yes}/{no}",
        _ => "",
    };

    private static string DateExample(string type) => type switch
    {
        "date" => "2026-11-23",
        "time" => "14:00:00",
        _ => "2026-11-23 14:00:00",
    };

    /// <summary>Whether every value is among the field's options; a field without options takes any.</summary>
    private static bool AreOptions(FieldDefinition field, string[] values)
        => SelectOptions.Of(field) is var options && (options.Count == 0 || values.All(options.Contains));

    private static string Choices(FieldDefinition field)
        => "must be one of " + string.Join(", ", SelectOptions.Of(field)) + (field.Type == "multiselect" ? " (several joined by |)." : ".");
}
