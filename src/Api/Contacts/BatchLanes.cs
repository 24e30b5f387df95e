using System.Text.Json.Nodes;
using Actors.Grains.Fields;
using Actors.Grains.Contacts;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Identity;

namespace Actors.Api.Contacts;

/// <summary>
/// The create endpoint's batch items as <see cref="WriteLanes"/>: an item's keys are the contact id it names and its
/// unique values and the contact those lead to now, so items that may reach the same contact keep their order.
/// </summary>
public static class BatchLanes
{
    // A lane's key is the value as it would be stored; whether it is too long is the write's to say.
    private static readonly FieldValueLimits NoLimits = new(int.MaxValue, int.MaxValue);

    /// <summary>Item indexes grouped into lanes, each lane in item order; items leading to one contact share a lane.</summary>
    public static Task<IReadOnlyList<int[]>> OfAsync(
        IReadOnlyList<JsonNode?> items, IReadOnlyList<string?> ids, IEnumerable<FieldDefinition> uniqueFields, ContactWriter writer)
    {
        var unique = uniqueFields.ToDictionary(f => f.Alias, StringComparer.OrdinalIgnoreCase);
        return WriteLanes.OfReachedAsync(items.Count, i => Keys(items[i], ids[i], unique), writer.ContactReachedBy);
    }

    /// <summary>Writes every lane, lanes concurrently and items of a lane in order; the outcomes are in item order.</summary>
    public static Task<WriteOutcome[]> WriteAsync(IReadOnlyList<int[]> lanes, int count, Func<int, Task<WriteOutcome>> write) =>
        WriteLanes.RunAsync(lanes, count, write);

    static IEnumerable<string> Keys(JsonNode? item, string? id, Dictionary<string, FieldDefinition> unique)
    {
        if (id is not null)
            yield return WriteLanes.IdKeyPrefix + id.Trim();
        if (item is not JsonObject fields)
            yield break;
        foreach (var (alias, value) in fields)
        {
            // In its stored form, as the write will claim it: "1.0" and 1 of a number field are one key.
            if (unique.TryGetValue(alias, out var field) && value is JsonValue && ContactPayload.Text(value) is { } text && !string.IsNullOrWhiteSpace(text))
                yield return UniqueIdentifier.Normalize(alias, FieldValueRules.Check(field, text, NoLimits).Value ?? text);
        }
    }
}
