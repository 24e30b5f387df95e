using System.Text.Json.Nodes;
using Actors.Api.Json;
using Actors.Interfaces.Campaigns;
using Actors.Grains.Errors;
using Actors.Grains.Fields;
using Actors.Interfaces.Text;

namespace Actors.Api.Campaigns;

/// <summary>
/// A campaign body: name (required, at most the field length), description (at most <see cref="MaxDescriptionLength"/>)
/// and isPublished (true/false/1/0). PATCH keeps what the body leaves out.
/// </summary>
public static class CampaignPayload
{
    /// <summary>The longest description accepted; Mautic stores it as longtext, this keeps one catalog grain small.</summary>
    public const int MaxDescriptionLength = 4096;

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "name", "description", "isPublished" };

    public static (CampaignEdit? Edit, string? Error) Read(JsonNode? body, Campaign? before, int maxNameLength, DateTimeOffset at)
    {
        if (body is not JsonObject values)
            return (null, "The request body must be a JSON object.");
        if (values.Select(v => v.Key).Where(k => !Known.Contains(k)).ToArray() is { Length: > 0 } unknown)
            return (null, "Unknown campaign properties: " + EchoedInput.List(unknown) + ".");
        if (!JsonText.TryString(values["name"], out var name) || !JsonText.TryString(values["description"], out var description))
            return (null, "name and description must be strings.");
        name = values.ContainsKey("name") ? name?.Trim() : before?.Name;
        if (string.IsNullOrEmpty(name))
            return (null, "name: A value is required.");
        if (name.Length > maxNameLength)
            return (null, $"name: is longer than {maxNameLength} characters.");
        if (!XmlText.IsValid(name))
            return (null, $"name: {XmlText.Problem}");
        description = values.ContainsKey("description") ? description : before?.Description;
        if (description?.Length > MaxDescriptionLength)
            return (null, $"description: is longer than {MaxDescriptionLength} characters.");
        if (description is not null && !XmlText.IsValid(description))
            return (null, $"description: {XmlText.Problem}");
        var published = before?.IsPublished ?? true;
        if (values["isPublished"] is { } flag && !TryBool(flag, out published))
            return (null, "isPublished must be true or false.");
        return (new CampaignEdit(at, name, description, published), null);
    }

    private static bool TryBool(JsonNode node, out bool value)
    {
        var text = node is JsonValue ? node.ToJsonString().Trim('"') : "";
        value = text is "true" or "1";
        return value || text is "false" or "0";
    }
}
