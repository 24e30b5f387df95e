using System.Text.Json.Nodes;
using Actors.Grains.Contacts;
using Actors.Interfaces.Identity;

namespace Actors.Api.Contacts;

/// <summary>
/// The create endpoint's batch items as <see cref="WriteLanes"/>: an item's keys are the contact id it names and its
/// unique values, so items that may reach the same contact keep their order.
/// </summary>
public static class BatchLanes
{
    /// <summary>Item indexes grouped into lanes, each lane in item order.</summary>
    public static IReadOnlyList<int[]> Of(IReadOnlyList<JsonNode?> items, IReadOnlyList<string?> ids, IReadOnlyList<string> uniqueAliases)
    {
        var unique = uniqueAliases.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return WriteLanes.Of(items.Count, i => Keys(items[i], ids[i], unique));
    }

    /// <summary>Writes every lane, lanes concurrently and items of a lane in order; the outcomes are in item order.</summary>
    public static Task<WriteOutcome[]> WriteAsync(IReadOnlyList<int[]> lanes, int count, Func<int, Task<WriteOutcome>> write) =>
        WriteLanes.RunAsync(lanes, count, write);

    static IEnumerable<string> Keys(JsonNode? item, string? id, HashSet<string> unique)
    {
        if (id is not null)
            yield return "id:" + id.Trim();
        if (item is not JsonObject fields)
            yield break;
        foreach (var (alias, value) in fields)
        {
            if (unique.Contains(alias) && value is JsonValue && ContactPayload.Text(value) is { } text && !string.IsNullOrWhiteSpace(text))
                yield return UniqueIdentifier.Normalize(alias, text);
        }
    }
}
