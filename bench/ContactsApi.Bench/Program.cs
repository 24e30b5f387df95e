using Actors.Bench.ContactsApi;
using Actors.Bench.Shared;

// The two list and batch goals of the contacts API, each measured against itself at another size in one run:
// a 200-item POST /api/contacts/batch/new at 1 M stored contacts against an empty store (p50, goal ≤ 1.2×), and
// GET /api/contacts?search=email:… at 1 M against 1 K (p99, goal ≤ 1.5×). Each size is a fresh store behind its own
// service, all three running at once; requests alternate between the sizes compared, so whatever else loads the
// machine weighs on both sides alike. The stored contacts are clones of one real contact made by SQL, index
// entries included.
// Usage: dotnet run -c Release --project bench/ContactsApi.Bench [-- --contacts 1000000 --postgres "<connection string>"]
var options = BenchOptions.Parse(args);
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; storage: {options.StorageName}");

await using var empty = await BenchService.StartAsync(options.PostgresConnectionString, 5311);
await using var small = await BenchService.StartAsync(options.PostgresConnectionString, 5312);
await using var large = await BenchService.StartAsync(options.PostgresConnectionString, 5313);
foreach (var (service, size) in new[] { (small, options.SmallStore), (large, options.LargeStore) })
{
    var seeding = System.Diagnostics.Stopwatch.StartNew();
    await service.SeedAsync(size);
    Console.WriteLine($"{size,9:N0} contacts stored (seeded in {seeding.Elapsed.TotalSeconds:N0} s)");
}

var (smallSearch, largeSearch) = await Measure.SearchAsync((small, options.SmallStore), (large, options.LargeStore), options.Searches);
Console.WriteLine($"search=email:… at {options.SmallStore,9:N0}: p50 {smallSearch.Percentile(0.5),8:N2} ms   p99 {smallSearch.Percentile(0.99),8:N2} ms   ({options.Searches} requests)");
Console.WriteLine($"search=email:… at {options.LargeStore,9:N0}: p50 {largeSearch.Percentile(0.5),8:N2} ms   p99 {largeSearch.Percentile(0.99),8:N2} ms");

var (emptyBatch, largeBatch) = await Measure.BatchAsync(empty, large, options.Batches);
Console.WriteLine($"batch/new ×200 on an empty store: p50 {emptyBatch.Percentile(0.5),8:N2} ms   p99 {emptyBatch.Percentile(0.99),8:N2} ms   ({options.Batches} batches)");
Console.WriteLine($"batch/new ×200 at {options.LargeStore,9:N0}: p50 {largeBatch.Percentile(0.5),8:N2} ms   p99 {largeBatch.Percentile(0.99),8:N2} ms");

Console.WriteLine($"batch/new p50 at {options.LargeStore:N0} / empty: {largeBatch.Percentile(0.5) / emptyBatch.Percentile(0.5):0.00} (goal ≤ 1.2)");
Console.WriteLine($"search p99 at {options.LargeStore:N0} / {options.SmallStore:N0}: {largeSearch.Percentile(0.99) / smallSearch.Percentile(0.99):0.00} (goal ≤ 1.5)");
