using System.Globalization;

namespace Actors.Bench.ContactsApi;

internal sealed record BenchOptions(int LargeStore, int SmallStore, int Searches, int Batches, string? PostgresConnectionString)
{
    public string StorageName => PostgresConnectionString is null ? "SQLite (embedded default)" : "PostgreSQL";

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(Number("--contacts", 1_000_000), Number("--small", 1_000), Number("--searches", 1_000), Number("--batches", 30), Value("--postgres"));
    }
}
