using Npgsql;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>A real store for one test: a SQLite file in a temporary folder, or a fresh schema on the test PostgreSQL server.</summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "ACTORS_TEST_POSTGRES";

    private readonly string? _schema;
    private readonly bool _owned;

    private TestStore(IReadOnlyDictionary<string, string?> settings, string dataDirectory, string? schema, bool owned = true)
    {
        Settings = settings;
        DataDirectory = dataDirectory;
        _schema = schema;
        _owned = owned;
    }

    public IReadOnlyDictionary<string, string?> Settings { get; }
    public string DataDirectory { get; }

    public static TestStore Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("actors-api-").FullName;
        return new TestStore(new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:DataDirectory"] = folder }, folder, null);
    }

    public static TestStore PostgreSql()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{PostgresVariable} is not set, so the PostgreSQL tests cannot run. Run ./build.sh test, " +
                $"or set {PostgresVariable}=\"Host=127.0.0.1;Username=actors;Password=actors;Database=actors_test\".");
        var schema = "api_" + Guid.NewGuid().ToString("N");
        Execute(server, $"CREATE SCHEMA {schema}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
        var folder = Directory.CreateTempSubdirectory("actors-api-").FullName;
        return new TestStore(new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSql", ["Storage:ConnectionString"] = connectionString }, folder, schema);
    }

    /// <summary>The same store for a second host (another replica, a restart); disposing it leaves the store to this one.</summary>
    public TestStore Borrowed() => new(Settings, DataDirectory, _schema, owned: false);

    public ValueTask DisposeAsync()
    {
        if (!_owned)
            return ValueTask.CompletedTask;
        if (_schema is not null)
        {
            NpgsqlConnection.ClearAllPools();
            Execute(Environment.GetEnvironmentVariable(PostgresVariable)!, $"DROP SCHEMA {_schema} CASCADE");
        }
        Directory.Delete(DataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
