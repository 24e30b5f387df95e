using System.Text.Json.Nodes;
using Actors.Interfaces.Identity;

namespace Actors.Api.Contacts;

/// <summary>
/// Splits a batch into lanes that can be written at the same time. Items that name the same contact id or the same
/// unique value share a lane and keep their order, so within a lane a batch behaves exactly as item-by-item writing
/// (the first of two items with one new email creates, the second updates); items in different lanes cannot touch
/// the same contact through what they name, so their writes and commits overlap instead of queueing one by one.
/// </summary>
public static class BatchLanes
{
    /// <summary>Writers running at once; enough to fill a group commit, few enough not to flood the silo.</summary>
    public const int MaxConcurrentLanes = 32;

    /// <summary>Item indexes grouped into lanes, each lane in item order.</summary>
    public static IReadOnlyList<int[]> Of(IReadOnlyList<JsonNode?> items, IReadOnlyList<string?> ids, IReadOnlyList<string> uniqueAliases)
    {
        var unique = uniqueAliases.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var parent = Enumerable.Range(0, items.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        var firstWithKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var key in Keys(items[i], ids[i], unique))
            {
                if (firstWithKey.TryGetValue(key, out var other))
                    parent[Root(i)] = Root(other);
                else
                    firstWithKey[key] = i;
            }
        }
        return Enumerable.Range(0, items.Count).GroupBy(Root).Select(lane => lane.Order().ToArray()).ToArray();
    }

    /// <summary>Writes every lane, lanes concurrently and items of a lane in order; the outcomes are in item order.</summary>
    public static async Task<WriteOutcome[]> WriteAsync(IReadOnlyList<int[]> lanes, int count, Func<int, Task<WriteOutcome>> write)
    {
        var outcomes = new WriteOutcome[count];
        await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentLanes }, async (lane, _) =>
        {
            foreach (var index in lane)
                outcomes[index] = await write(index);
        });
        return outcomes;
    }

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
