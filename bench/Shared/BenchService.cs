using System.Data.Common;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Actors.Bench.Shared;

/// <summary>
/// The real service (the Api's composition with its embedded silo) on a store of its own: a SQLite file in a
/// temporary folder, or a fresh schema on the PostgreSQL server given. Seeding clones one contact made through the
/// API, row and index entry, by SQL, so a million contacts take seconds and look to the service like its own.
/// Shared by the bench projects that drive the whole service (compiled into each, see their project files).
/// </summary>
internal sealed class BenchService : IAsyncDisposable
{
    const string Password = "bench-admin-password";
    const string TemplateEmail = "template-seed@example.com";
    const long FirstSeedId = 10_000_000;

    readonly WebApplication _app;
    readonly string _dataDirectory;
    readonly string? _postgres;
    readonly string? _schema;

    BenchService(WebApplication app, string url, string dataDirectory, string? postgres, string? schema)
    {
        (_app, _dataDirectory, _postgres, _schema) = (app, dataDirectory, postgres, schema);
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + Password)));
    }

    public HttpClient Client { get; }

    /// <summary>The service's base address, for tools outside the process (wrk).</summary>
    public string Url => Client.BaseAddress!.ToString().TrimEnd('/');

    /// <summary>The service's own services, for the figures a bench reads from them (commits, say).</summary>
    public IServiceProvider Services => _app.Services;

    public static string SeedEmail(long index) => $"seed{index}@example.com";

    /// <summary>The PostgreSQL connection string of the service's own schema; null on SQLite.</summary>
    public string? PostgresConnectionString => _postgres;

    /// <summary>The schema the service's tables are in; null on SQLite.</summary>
    public string? Schema => _schema;

    /// <param name="postgres">A PostgreSQL server to create a fresh schema on; null for a SQLite file in a temporary folder.</param>
    /// <param name="extraSettings">
    /// Configuration the bench sets on top of storage and credentials (Import:BatchSize, say); a Storage:Provider of its
    /// own (Memory) takes the place of the SQLite file when no PostgreSQL server is given.
    /// </param>
    public static async Task<BenchService> StartAsync(string? postgres, int port, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var url = $"http://127.0.0.1:{port}";
        var dataDirectory = Directory.CreateTempSubdirectory("actors-bench-api-").FullName;
        string? schema = null, ownSchema = null;
        var settings = new Dictionary<string, string?>(extraSettings ?? new Dictionary<string, string?>())
        {
            ["Api:AdminUser"] = "admin", ["Api:AdminPassword"] = Password,
        };
        if (postgres is { } server)
        {
            schema = "bench_" + Guid.NewGuid().ToString("N");
            await ExecuteAsync(server, $"CREATE SCHEMA {schema}");
            ownSchema = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
            settings["Storage:Provider"] = "PostgreSql";
            settings["Storage:ConnectionString"] = ownSchema;
        }
        else if (settings.TryAdd("Storage:Provider", "Sqlite"))
        {
            settings["Storage:DataDirectory"] = dataDirectory;
        }
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddContactApi();
        var app = builder.Build();
        app.MapContactApi();
        await app.StartAsync();
        return new BenchService(app, url, dataDirectory, ownSchema, schema);
    }

    /// <summary>Stores <paramref name="count"/> contacts seed0@… to seed{count-1}@…, each owning its email's index entry.</summary>
    public async Task SeedAsync(int count)
    {
        if (count == 0)
            return;
        using var created = await Client.PostAsJsonAsync("/api/contacts/new", new JsonObject
        {
            ["email"] = TemplateEmail, ["firstname"] = "Seed", ["lastname"] = "Contact", ["city"] = "Paris", ["tags"] = new JsonArray("seeded"),
        });
        var templateId = (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["contact"]!["id"]!;
        await using var connection = await OpenAsync();
        var sqlite = _postgres is null;
        var columns = await ContactColumnsAsync(connection, sqlite);
        string Text(string column) => sqlite ? $"CAST({column} AS TEXT)" : $"convert_from({column}, 'UTF8')";
        string Bytes(string text) => sqlite ? $"CAST({text} AS BLOB)" : $"convert_to({text}, 'UTF8')";
        const string email = "('seed' || g.n || '@example.com')";
        var values = columns.Select(column => column switch
        {
            "id" => $"{FirstSeedId} + g.n",
            "email" => email,
            "payload" => Bytes($"replace({Text("payload")}, '{TemplateEmail}', {email})"),
            "fields" => $"replace(fields, '{TemplateEmail}', {email})",
            _ => column,
        });
        var series = sqlite
            ? $"WITH RECURSIVE g(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM g WHERE n < {count - 1}) "
            : "";
        var from = sqlite ? "g" : $"generate_series(0, {count - 1}) AS g(n)";
        await ExecuteAsync(connection, $"""
            {series}INSERT INTO contacts ({string.Join(", ", columns)})
            SELECT {string.Join(", ", values)} FROM {from}, contacts WHERE contacts.id = {templateId}
            """);
        await ExecuteAsync(connection, $"""
            {series}INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, modified_on)
            SELECT grain_type, 'email:' || {email}, state_name,
                   {Bytes($"replace({Text("payload")}, '{templateId}', CAST({FirstSeedId} + g.n AS TEXT))")}, version, modified_on
            FROM {from}, grain_state WHERE grain_key = 'email:{TemplateEmail}'
            """);
        await ExecuteAsync(connection, "ANALYZE");
    }

    static async Task<List<string>> ContactColumnsAsync(DbConnection connection, bool sqlite)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sqlite
            ? "SELECT name FROM pragma_table_info('contacts') ORDER BY cid"
            : "SELECT column_name FROM information_schema.columns WHERE table_name = 'contacts' AND table_schema = current_schema() ORDER BY ordinal_position";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            columns.Add(reader.GetString(0));
        return columns;
    }

    async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = _postgres is null
            ? new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "actors.db")}")
            : new NpgsqlConnection(_postgres);
        await connection.OpenAsync();
        return connection;
    }

    static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, sql);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_schema is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var server = new NpgsqlConnectionStringBuilder(_postgres) { SearchPath = null }.ToString();
            await ExecuteAsync(server, $"DROP SCHEMA {_schema} CASCADE");
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
