using System.Diagnostics;
using Actors.Bench.Import;
using Actors.Bench.Shared;

// Issue 6's import and export goals, each side measured in the same minutes on the same PostgreSQL server:
// (a) importing a file of new contacts (POST /api/contacts/import until "imported") against psql \copy of the same file
//     into a plain four-column table (goal ≥ 0.5× its rate);
// (b) the import rate with a million contacts stored against an empty store, two rounds alternating (goal ≥ 0.8×);
// (c) GET /api/contacts/export?format=csv of the stored million against psql \copy (select …) TO STDOUT of the same
//     columns (goal ≥ 0.7×), and the process's peak memory growth during the export (goal ≤ 100 MB).
// Each service is the Api's composition with its embedded silo on a fresh schema, all in this process.
// Usage: dotnet bench/Import.Bench/bin/Release/net10.0/Actors.Import.Bench.dll --postgres "<connection string>"
//        [--rows 100000] [--stored 1000000] [--rate-rows 20000] [--batch-size 500]
const int WarmUpRows = 1_000;
var options = ImportBenchOptions.Parse(args);
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average {LoadAverage()}");

await using var copyStore = await BenchService.StartAsync(options.ServicePostgres, 5321, options.ServiceSettings);
await using var emptyStore = await BenchService.StartAsync(options.ServicePostgres, 5322, options.ServiceSettings);
await using var largeStore = await BenchService.StartAsync(options.ServicePostgres, 5323, options.ServiceSettings);
var seeding = Stopwatch.StartNew();
await largeStore.SeedAsync(options.StoredContacts);
Console.WriteLine($"{options.StoredContacts:N0} contacts stored (seeded in {seeding.Elapsed.TotalSeconds:N0} s)");
// A first import per service is not counted: it compiles the code paths and fills the connection pool.
foreach (var service in new[] { copyStore, emptyStore, largeStore })
{
    using var warmUp = ImportFile.Write("warm-up", WarmUpRows);
    await ImportRun.ImportAsync(service, warmUp);
}

// (a) \copy before and after the import, so a change in the machine's load shows as two different baselines.
using (var file = ImportFile.Write("copy", options.CopyRows))
{
    var copy = $"CREATE TABLE copy_baseline (email text, firstname text, lastname text, city text)";
    await Psql.RunAsync(copyStore.PostgresConnectionString!, copy);
    var copyIn = $"\\copy copy_baseline FROM '{file.Path}' WITH (FORMAT csv, HEADER true)";
    var copyBefore = await Psql.RunAsync(copyStore.PostgresConnectionString!, copyIn);
    var import = await ImportRun.ImportAsync(copyStore, file);
    var copyAfter = await Psql.RunAsync(copyStore.PostgresConnectionString!, copyIn);
    var baseline = (copyBefore + copyAfter) / 2;
    Console.WriteLine($"(a) import {file.Rows:N0} rows: {import.TotalSeconds:N2} s ({file.Rows / import.TotalSeconds:N0} rows/s); "
        + $"\\copy: {copyBefore.TotalSeconds:N2} s and {copyAfter.TotalSeconds:N2} s; ratio {baseline / import:0.000} (goal ≥ 0.5); load {LoadAverage()}");
}

// (b) Fresh emails each round; the empty store holds only the previous round's rows, a rounding error beside a million.
var (emptyTime, largeTime) = (TimeSpan.Zero, TimeSpan.Zero);
for (var round = 1; round <= 2; round++)
{
    using var file = ImportFile.Write($"rate{round}-", options.RateRows);
    var empty = await ImportRun.ImportAsync(emptyStore, file);
    var large = await ImportRun.ImportAsync(largeStore, file);
    (emptyTime, largeTime) = (emptyTime + empty, largeTime + large);
    Console.WriteLine($"(b) round {round}, {file.Rows:N0} rows: empty store {file.Rows / empty.TotalSeconds:N0} rows/s, "
        + $"{options.StoredContacts:N0} stored {file.Rows / large.TotalSeconds:N0} rows/s; load {LoadAverage()}");
}
Console.WriteLine($"(b) rate at {options.StoredContacts:N0} stored / empty: {emptyTime / largeTime:0.00} (goal ≥ 0.8)");

// (c) The baseline selects what the export writes (the live contacts' id, field values, points and stage) as text.
// The first export after the process starts runs its per-row code through the JIT's tiers (unoptimised, then
// instrumented, then optimised with that profile) and grows the GC's heap to its working size: it is timed and
// shown, not counted, as the warm-up imports are for the import's figures.
var first = await ExportRun.ExportAsync(largeStore);
Console.WriteLine($"(c) first export after start (not counted): {first.Lines:N0} contacts in {first.Elapsed.TotalSeconds:N2} s, "
    + $"peak memory growth {first.PeakGrowthBytes / 1e6:N0} MB; load {LoadAverage()}");
const string exported = "\\copy (SELECT id, fields, points, stage FROM contacts WHERE payload IS NOT NULL AND merged_into IS NULL AND date_added IS NOT NULL ORDER BY id) TO STDOUT";
for (var round = 1; round <= 2; round++)
{
    var copyOut = await Psql.RunAsync(largeStore.PostgresConnectionString!, exported);
    var export = await ExportRun.ExportAsync(largeStore);
    Console.WriteLine($"(c) round {round}: export {export.Lines:N0} contacts ({export.Bytes / 1e6:N0} MB): {export.Elapsed.TotalSeconds:N2} s; "
        + $"\\copy TO STDOUT {copyOut.TotalSeconds:N2} s; ratio {copyOut / export.Elapsed:0.00} (goal ≥ 0.7); "
        + $"peak memory growth {export.PeakGrowthBytes / 1e6:N0} MB (goal ≤ 100); load {LoadAverage()}");
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
