namespace Actors.Grains.Contacts;

/// <summary>
/// Splits a batch of contact writes into lanes that can run at the same time. Items that share any key (a contact id,
/// a unique value) share a lane and keep their order, so within a lane a batch behaves exactly as item-by-item writing
/// (the first of two items with one new email creates, the second updates); items in different lanes cannot reach the
/// same contact through what they name, so their writes and commits overlap instead of queueing one by one.
/// Used by the create endpoint's batches and by the import job.
/// </summary>
public static class WriteLanes
{
    /// <summary>Writers running at once; enough to fill group commits, few enough not to flood the silo.</summary>
    public const int MaxConcurrentLanes = 32;

    /// <summary>Item indexes grouped into lanes, each lane in item order; <paramref name="keys"/> gives each item's keys.</summary>
    public static IReadOnlyList<int[]> Of(int count, Func<int, IEnumerable<string>> keys)
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
