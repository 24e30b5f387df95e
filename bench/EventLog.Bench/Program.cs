using System.Globalization;
using Actors.Bench.EventLog;

// Durable events/s into PostgreSQL: the group-commit writer under N concurrent writers, against one binary COPY of
// the same rows in one transaction (the ceiling for bulk loading), then the two batch strategies the writer could
// use, batch size by batch size. Each figure is the median of three rounds on a fresh table, because a small
// machine's fsync latency wanders. The server comes from ACTORS_BENCH_POSTGRES, else ACTORS_TEST_POSTGRES; every
// table lives in a schema of its own, dropped at the end.
// Usage: dotnet run -c Release --project bench/EventLog.Bench [events]
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
const int Rounds = 3;
int[] writerCounts = [256, 1_024];

var rows = Rows.Generate(events);
Console.WriteLine($"{events:N0} events of ~{rows[0].PayloadJson.Length} bytes, {Environment.ProcessorCount} cores, median of {Rounds} rounds");

var writerRuns = writerCounts.ToDictionary(w => w, _ => new List<WriterResult>());
var copies = new List<double>();
for (var round = 0; round < Rounds; round++)
{
    foreach (var (writers, results) in writerRuns)
        results.Add(await WriterScenario.RunAsync(rows, writers));
    copies.Add(await CopyBaseline.RunAsync(rows));
}
var copy = copies.Order().ElementAt(Rounds / 2);
foreach (var (writers, results) in writerRuns)
{
    var median = results.OrderBy(r => r.PerSecond).ElementAt(Rounds / 2);
    Console.WriteLine($"writer, {writers,5} concurrent writers: {median.PerSecond,9:N0} events/s, " +
        $"{median.EventsPerCommit,6:N1} events per commit, ratio to COPY {median.PerSecond / copy:N2}");
}
Console.WriteLine($"one COPY in one transaction:       {copy,9:N0} events/s   (goal: writer >= 0.5 x COPY)");

Console.WriteLine("batch strategy, committed rows/s by batch size, one batch at a time:");
foreach (var size in new[] { 1, 10, 100, 1_000 })
{
    var (unnest, copyBatches) = await BatchStrategies.CompareAsync(rows, size);
    Console.WriteLine($"  {size,5}: INSERT ... unnest {unnest,9:N0}   COPY in a transaction {copyBatches,9:N0}");
}
