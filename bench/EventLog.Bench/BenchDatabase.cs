using Actors.Grains.Storage.Events;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Actors.Bench.EventLog;

/// <summary>A fresh schema on the benchmark server with the event log started on it, as a silo starts it.</summary>
sealed class BenchDatabase : IAsyncDisposable
{
    readonly string serverConnectionString;
    readonly string schema;

    BenchDatabase(string serverConnectionString, string schema, ServiceProvider services, NpgsqlDataSource dataSource)
    {
        this.serverConnectionString = serverConnectionString;
        this.schema = schema;
        Services = services;
        DataSource = dataSource;
    }

    public ServiceProvider Services { get; }

    /// <summary>A data source of its own on the same schema, for the baselines.</summary>
    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("ACTORS_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
            : Environment.GetEnvironmentVariable("ACTORS_TEST_POSTGRES") is { Length: > 0 } test ? test
            : throw new InvalidOperationException("Set ACTORS_BENCH_POSTGRES (or ACTORS_TEST_POSTGRES) to an Npgsql connection string.");
        var schema = "bench_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE SCHEMA {schema}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddEventLog(configuration).BuildServiceProvider();
        await services.GetRequiredService<IStorageLifecycle>().InitializeAsync(CancellationToken.None);
        return new BenchDatabase(server, schema, services, NpgsqlDataSource.Create(connectionString));
    }

    public async Task TruncateAsync()
    {
        await using var command = DataSource.CreateCommand("TRUNCATE contact_events");
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await DataSource.DisposeAsync();
        await ExecuteAsync(serverConnectionString, $"DROP SCHEMA {schema} CASCADE");
    }

    static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
