using System.Data.Common;
using Actors.Runtime.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Actors.Grains.Tests.Storage;

/// <summary>
/// An empty store for one test: a Memory store, a SQLite file in a temporary folder, or a fresh schema on the real
/// PostgreSQL server named by ACTORS_TEST_POSTGRES. A missing server fails the test rather than skipping it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ConnectionVariable = "ACTORS_TEST_POSTGRES";

    readonly string? folder;
    readonly string? schema;
    readonly string? freshConnectionString;

    TestDatabase(StorageProvider provider, Dictionary<string, string?> storage, string? folder, string? schema, string? freshConnectionString)
    {
        Provider = provider;
        Configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(storage.Select(s => KeyValuePair.Create($"{StorageOptions.SectionName}:{s.Key}", s.Value)))
            .Build();
        this.folder = folder;
        this.schema = schema;
        this.freshConnectionString = freshConnectionString;
    }

    public StorageProvider Provider { get; }

    /// <summary>The root configuration of a host on this store.</summary>
    public IConfiguration Configuration { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ConnectionVariable} is not set, so the PostgreSQL storage tests cannot run. Run them with ./build.sh test, or set " +
                $"{ConnectionVariable}=\"Host=127.0.0.1;Username=actors;Password=actors;Database=actors_test\".");

    public static async Task<TestDatabase> CreateAsync(StorageProvider provider)
    {
        switch (provider)
        {
            case StorageProvider.Sqlite:
                var folder = Path.Combine(Path.GetTempPath(), "actors-tests", Guid.NewGuid().ToString("N"));
                var file = Path.Combine(folder, Runtime.Persistence.Sqlite.SqliteDatabase.FileName);
                return new TestDatabase(provider, new() { ["Provider"] = "Sqlite", ["DataDirectory"] = folder }, folder, null,
                    new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            case StorageProvider.PostgreSql:
                var schema = "test_" + Guid.NewGuid().ToString("N");
                await ExecuteOnServerAsync($"CREATE SCHEMA {schema}");
                var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { SearchPath = schema }.ToString();
                return new TestDatabase(provider, new() { ["Provider"] = "PostgreSql", ["ConnectionString"] = connectionString }, null, schema,
                    new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            default:
                return new TestDatabase(provider, new() { ["Provider"] = "Memory" }, null, null, null);
        }
    }

    /// <summary>A new, unpooled connection: it sees only what other connections have committed.</summary>
    public async Task<DbConnection> OpenFreshConnectionAsync()
    {
        DbConnection connection = Provider == StorageProvider.Sqlite
            ? new SqliteConnection(freshConnectionString)
            : new NpgsqlConnection(freshConnectionString ?? throw new InvalidOperationException("A memory store has no connection."));
        await connection.OpenAsync();
        return connection;
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = await OpenFreshConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenFreshConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (folder is not null)
        {
            // Pooled connections keep the file open; release them before deleting the folder.
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        if (schema is not null)
            await ExecuteOnServerAsync($"DROP SCHEMA {schema} CASCADE");
    }

    static async Task ExecuteOnServerAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(ServerConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
