using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Json;
using Actors.Interfaces.Notes;
using Actors.Grains.Errors;
using Actors.Grains.Fields;
using Actors.Interfaces.Text;

namespace Actors.Api.Notes;

/// <summary>
/// A note body (seed 004 "Note Properties"): text (required, at most <see cref="MaxTextLength"/>), type (general,
/// email, call or meeting; default general), dateTime (a date), lead (the contact's id, required on create).
/// PATCH keeps what the body leaves out.
/// </summary>
public sealed record NotePayload(long? Lead, string Text, string Type, DateTimeOffset? DateTime)
{
    /// <summary>The longest note text accepted (Mautic's column is longtext; this bounds one row).</summary>
    public const int MaxTextLength = 65_535;

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "text", "type", "dateTime", "lead" };

    /// <param name="before">The note a PATCH edits (what the body leaves out is kept); null for a create or a PUT.</param>
    /// <param name="requireLead">Whether the body must name the contact: on create, not on an edit.</param>
    public static (NotePayload? Payload, string? Error, JsonObject? Details) Read(JsonNode? body, NoteSnapshot? before, bool requireLead)
    {
        if (body is not JsonObject values)
            return (null, "The request body must be a JSON object.", null);
        if (values.Select(v => v.Key).Where(k => !Known.Contains(k)).ToArray() is { Length: > 0 } unknown)
            return (null, "Unknown note properties: " + EchoedInput.List(unknown) + ".", null);
        if (!JsonText.TryString(values["text"], out var text))
            return Field("text", "must be a string.");
        if (!JsonText.TryString(values["type"], out var type))
            return Field("type", "must be a string.");
        if (!JsonText.TryString(values["dateTime"], out var when))
            return Field("dateTime", "must be a string.");
        text = values.ContainsKey("text") ? text : before?.Text;
        if (string.IsNullOrWhiteSpace(text))
            return Field("text", "A value is required.");
        if (text.Length > MaxTextLength)
            return Field("text", $"is longer than {MaxTextLength} characters.");
        if (!XmlText.IsValid(text))
            return Field("text", XmlText.Problem);
        type = values.ContainsKey("type") ? type?.Trim().ToLowerInvariant() : before?.Type ?? NoteTypes.General;
        if (type is null || !NoteTypes.All.Contains(type))
            return Field("type", "must be one of " + string.Join(", ", NoteTypes.All) + ".");
        DateTimeOffset? dateTime = before?.DateTime;
        if (when is not null)
        {
            if (!DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return Field("dateTime", "must be a date such as 2026-11-23 14:00:00.");
            dateTime = parsed;
        }
        long? lead = null;
        if (values["lead"] is { } leadNode)
        {
            if (leadNode is not JsonValue || !long.TryParse(leadNode.ToJsonString().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                return Field("lead", "must be a contact id.");
            lead = id;
        }
        if (lead is null && requireLead)
            return Field("lead", "A value is required.");
        return (new NotePayload(lead, text, type, dateTime), null, null);
    }

    private static (NotePayload?, string?, JsonObject?) Field(string name, string problem)
        => (null, $"{name}: {problem}", new JsonObject { [name] = new JsonArray(problem) });
}
