using Actors.Grains.Contacts;
using Actors.Grains.Imports;
using Actors.Interfaces.Fields;

namespace Actors.Api.Fields;

/// <summary>
/// What a value must be to be stored in a contact field of each type (MAUTIC-SPEC 3.7), for the REST writes, tracking's
/// publicly updatable fields and the fields' default values alike: text XML can hold, an email that looks valid, a
/// finite number, options of the select's list, one of Mautic's boolean spellings (stored 1/0), a date of the type
/// (stored in its form). The import keeps its own row rules, which leave some values out rather than refuse the row.
/// </summary>
public static class FieldValueRules
{
    /// <summary>The value in its stored form, or the problem that refuses it, worded to follow the field's alias.</summary>
    public static (string? Value, string? Problem) Check(FieldDefinition field, string value)
    {
        if (!XmlText.IsValid(value))
            return (null, XmlText.Problem);
        if (field.Type == "email")
            return EmailAddress.LooksValid(value) ? (value.Trim(), null) : (null, "must be a valid email.");
        if (field.Type == "number")
            return ImportValues.Number(value, out _) ? (value, null) : (null, "must be a number.");
        if (field.Type is "select" or "multiselect" && FieldJson.Options(field) is { Count: > 0 } choices && value.Split('|').Any(v => !choices.Contains(v)))
            return (null, "must be one of " + string.Join(", ", choices) + (field.Type == "multiselect" ? " (several joined by |)." : "."));
        if (field.Type == "boolean")
        {
            return ImportValues.Boolean(value.Trim().ToLowerInvariant()) is { } flag
                ? (flag ? "1" : "0", null)
                : (null, "must be true or false (1/0, yes/no, on/off).");
        }
        if (ImportValues.IsDateType(field.Type))
        {
            return ImportValues.Date(field.Type, value.Trim(), out var date)
                ? (date, null)
                : (null, $"must be a {field.Type} such as 2026-11-23{(field.Type == "date" ? "" : " 14:00:00")}.");
        }
        return (value, null);
    }
}
