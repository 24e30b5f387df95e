using System.Collections.Concurrent;

namespace Actors.Grains.Contacts;

/// <summary>
/// Splits a batch of contact writes into lanes that can run at the same time. Items that share any key (a contact id,
/// a unique value) or whose keys lead to one contact share a lane and keep their order, so within a lane a batch
/// behaves exactly as item-by-item writing (the first of two items with one new email creates, the second updates);
/// items in different lanes cannot reach the same contact through what they name, so their writes and commits overlap
/// instead of queueing one by one.
/// Used by the create endpoint's batches and by the import job.
/// </summary>
public static class WriteLanes
{
    /// <summary>Writers running at once; enough to fill group commits, few enough not to flood the silo.</summary>
    public const int MaxConcurrentLanes = 32;

    /// <summary>The start of the key of an item that names its contact by id (<c>id:42</c>).</summary>
    public const string IdKeyPrefix = "id:";

    /// <summary>Item indexes grouped into lanes, each lane in item order; <paramref name="keys"/> gives each item's keys.</summary>
    private static IReadOnlyList<int[]> Of(int count, Func<int, IEnumerable<string>> keys)
    {
        var parent = Enumerable.Range(0, count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        var firstWithKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            foreach (var key in keys(i))
            {
                if (firstWithKey.TryGetValue(key, out var other))
                    parent[Root(i)] = Root(other);
                else
                    firstWithKey[key] = i;
            }
        }
        return Enumerable.Range(0, count).GroupBy(Root).Select(lane => lane.Order().ToArray()).ToArray();
    }

    /// <summary>
    /// Item indexes grouped into lanes, each lane in item order: items sharing a key, or whose keys lead to one contact
    /// now (<paramref name="contactOf"/>: an id after its merges, a unique value's owner), so an item naming a contact
    /// by its id and one naming it by its email keep their order too. Each distinct key is looked up once,
    /// <paramref name="concurrentLookups"/> at a time (default <see cref="MaxConcurrentLanes"/>): no item starts before
    /// the last lookup ends, and the lookups of new values are the index grains' activation reads, which the storage
    /// groups into one query when many are asked at once. Items sharing one of <paramref name="orderKeys"/>, which lead
    /// to no contact and are not looked up, share a lane too.
    /// </summary>
    public static async Task<IReadOnlyList<int[]>> OfReachedAsync(
        int count, Func<int, IEnumerable<string>> keys, Func<string, Task<long?>> contactOf, int concurrentLookups = MaxConcurrentLanes,
        Func<int, IEnumerable<string>>? orderKeys = null)
    {
        var itemKeys = Enumerable.Range(0, count).Select(i => keys(i).ToArray()).ToArray();
        var reached = new ConcurrentDictionary<string, long?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(itemKeys.SelectMany(k => k).Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = concurrentLookups }, async (key, _) => reached[key] = await contactOf(key));
        return Of(count, i => itemKeys[i].Concat(itemKeys[i].Select(key => reached[key]).OfType<long>().Select(contact => $"contact:{contact}"))
            .Concat(orderKeys?.Invoke(i) ?? []));
    }

    /// <summary>
    /// Runs every lane, at most <paramref name="concurrentLanes"/> (default <see cref="MaxConcurrentLanes"/>) at once and the
    /// items of a lane in order; the results are in item order.
    /// </summary>
    public static async Task<T[]> RunAsync<T>(IReadOnlyList<int[]> lanes, int count, Func<int, Task<T>> write, int concurrentLanes = MaxConcurrentLanes)
    {
        var results = new T[count];
        await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = concurrentLanes }, async (lane, _) =>
        {
            foreach (var index in lane)
                results[index] = await write(index);
        });
        return results;
    }
}
