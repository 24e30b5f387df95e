using Actors.Bench.ContactsApi;

// The two list and batch goals of the contacts API, each measured against itself at another size in one run:
// a 200-item POST /api/contacts/batch/new at 1 M stored contacts against an empty store (p50, goal ≤ 1.2×), and
// GET /api/contacts?search=email:… at 1 M against 1 K (p99, goal ≤ 1.5×). Each size is a fresh store behind a
// fresh service; the stored contacts are clones of one real contact made by SQL, index entries included.
// Usage: dotnet run -c Release --project bench/ContactsApi.Bench [-- --contacts 1000000 --postgres "<connection string>"]
var options = BenchOptions.Parse(args);
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; storage: {options.StorageName}");

var results = new Dictionary<int, (double? BatchP50, double? SearchP99)>();
foreach (var size in new[] { 0, options.SmallStore, options.LargeStore })
{
    await using var service = await BenchService.StartAsync(options);
    var seeding = System.Diagnostics.Stopwatch.StartNew();
    await service.SeedAsync(size);
    Console.WriteLine($"{size,9:N0} contacts stored (seeded in {seeding.Elapsed.TotalSeconds:N0} s)");
    double? searchP99 = null, batchP50 = null;
    if (size > 0)
    {
        var search = await Measure.SearchAsync(service, size, options.Searches);
        searchP99 = search.Percentile(0.99);
        Console.WriteLine($"  search=email:…   p50 {search.Percentile(0.5),8:N2} ms   p99 {searchP99,8:N2} ms   ({options.Searches} requests)");
    }
    if (size != options.SmallStore)
    {
        var batch = await Measure.BatchAsync(service, options.Batches);
        batchP50 = batch.Percentile(0.5);
        Console.WriteLine($"  batch/new ×200    p50 {batchP50,8:N2} ms   p99 {batch.Percentile(0.99),8:N2} ms   ({options.Batches} batches)");
    }
    results[size] = (batchP50, searchP99);
}

Console.WriteLine($"batch/new p50 at {options.LargeStore:N0} / empty: {results[options.LargeStore].BatchP50 / results[0].BatchP50:0.00} (goal ≤ 1.2)");
Console.WriteLine($"search p99 at {options.LargeStore:N0} / {options.SmallStore:N0}: {results[options.LargeStore].SearchP99 / results[options.SmallStore].SearchP99:0.00} (goal ≤ 1.5)");
