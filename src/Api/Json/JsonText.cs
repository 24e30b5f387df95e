using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Api.Json;

/// <summary>Reading request bodies strictly: a property that must be a string is a JSON string, not a number or an object.</summary>
public static class JsonText
{
    /// <summary>True with the text for a JSON string, true with null for an absent or null property, false for anything else.</summary>
    public static bool TryString(JsonNode? node, out string? text)
    {
        text = null;
        if (node is null)
            return true;
        if (node is not JsonValue || node.GetValueKind() != JsonValueKind.String)
            return false;
        text = node.GetValue<string>();
        return true;
    }
}
