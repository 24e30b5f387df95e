using System.Globalization;
using Npgsql;

namespace Actors.Bench.Import;

/// <summary>
/// The sizes of one run. Defaults are the goals' sizes (100 K rows against \copy, a million stored contacts for the
/// rate and the export); smaller ones keep a run short while the code is changing.
/// </summary>
/// <param name="CopyRows">Rows of the file imported against <c>psql \copy</c> (goal a).</param>
/// <param name="StoredContacts">Contacts stored before the rate comparison and the export (goals b and c).</param>
/// <param name="RateRows">Rows imported into each store, twice, to compare rates at <see cref="StoredContacts"/> and empty (goal b).</param>
/// <param name="BatchSize">Import:BatchSize of the services; null keeps the service's default.</param>
/// <param name="Postgres">The PostgreSQL server (each service gets a fresh schema on it); the baselines need psql against it.</param>
internal sealed record ImportBenchOptions(int CopyRows, int StoredContacts, int RateRows, int? BatchSize, string Postgres)
{
    public const int DefaultCopyRows = 100_000;
    public const int DefaultStoredContacts = 1_000_000;
    public const int DefaultRateRows = 20_000;

    public static ImportBenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var postgres = Value("--postgres") ?? Environment.GetEnvironmentVariable("ACTORS_TEST_POSTGRES")
            ?? throw new ArgumentException("Name the PostgreSQL server with --postgres \"<connection string>\" or ACTORS_TEST_POSTGRES: the baselines are psql's \\copy.");
        return new ImportBenchOptions(Number("--rows", DefaultCopyRows), Number("--stored", DefaultStoredContacts), Number("--rate-rows", DefaultRateRows),
            Value("--batch-size") is { } size ? int.Parse(size, CultureInfo.InvariantCulture) : null, postgres);
    }

    /// <summary>
    /// Connections each service may open. Three services share the server's 100 connections (and other users' tests
    /// share them too), so each gets a fifth of them, as the cluster bench gives each process.
    /// </summary>
    public const int ServicePoolSize = 20;

    /// <summary><see cref="Postgres"/> with the pool of one service.</summary>
    public string ServicePostgres => new NpgsqlConnectionStringBuilder(Postgres) { MaxPoolSize = ServicePoolSize }.ToString();

    public IReadOnlyDictionary<string, string?> ServiceSettings => BatchSize is { } size
        ? new Dictionary<string, string?> { ["Import:BatchSize"] = size.ToString(CultureInfo.InvariantCulture) }
        : new Dictionary<string, string?>();
}
