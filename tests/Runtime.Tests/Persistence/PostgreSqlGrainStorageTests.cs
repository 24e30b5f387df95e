using Npgsql;

namespace Actors.Runtime.Tests.Persistence;

/// <summary>Runs against a real PostgreSQL server; each store is a fresh schema, dropped after the test.</summary>
public sealed class PostgreSqlGrainStorageTests : GrainStorageConformance
{
    public const string ConnectionVariable = "ACTORS_TEST_POSTGRES";

    readonly List<string> schemas = [];

    /// <summary>The server to test against; failing rather than skipping keeps a missing server from passing silently.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ConnectionVariable} is not set, so the PostgreSQL storage tests cannot run. Run them with ./build.sh test " +
                $"(it installs and starts a local server), or set {ConnectionVariable}=\"Host=127.0.0.1;Username=actors;Password=actors;Database=actors_test\".");

    protected override async Task<IReadOnlyDictionary<string, string?>> CreateStoreAsync()
    {
        var schema = "test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE SCHEMA {schema}");
        schemas.Add(schema);
        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { SearchPath = schema }.ToString();
        return new Dictionary<string, string?> { ["Provider"] = "PostgreSql", ["ConnectionString"] = connectionString };
    }

    protected override async Task DeleteStoresAsync()
    {
        foreach (var schema in schemas)
            await ExecuteAsync($"DROP SCHEMA {schema} CASCADE");
    }

    internal static async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(ServerConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
