using System.Globalization;

namespace Actors.Bench.Tracking;

internal sealed record BenchOptions(int Seconds, int WarmupSeconds, int Connections, int Threads, int Rounds, string? PostgresConnectionString, bool Reference)
{
    public string StorageName => PostgresConnectionString is null ? "SQLite (embedded default)" : "PostgreSQL";

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(Number("--seconds", 10), Number("--warmup", 10), Number("--connections", 64), Number("--threads", 2), Number("--rounds", 2), Value("--postgres"),
            Reference: !args.Contains("--no-reference"));
    }

}
