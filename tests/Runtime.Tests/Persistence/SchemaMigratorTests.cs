using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Actors.Runtime.Persistence.Migrations;
using Actors.Runtime.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Persistence;

/// <summary>How a later component (here a made-up "contacts") adds its tables to the storage database.</summary>
public sealed class SchemaMigratorTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "actors-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_components_registered_migrations_are_applied_once_in_version_order()
    {
        for (var start = 0; start < 2; start++)
        {
            await using var services = Services(
                new SchemaMigration("contacts", 2, "ALTER TABLE contacts ADD COLUMN email TEXT"),
                new SchemaMigration("contacts", 1, "CREATE TABLE contacts (id TEXT PRIMARY KEY)"));
            await services.GetRequiredService<IStorageLifecycle>().InitializeAsync(CancellationToken.None);
        }

        Assert.Equal(["contacts:1", "contacts:2", "grain-storage:1"],
            await QueryAsync("SELECT component || ':' || version FROM schema_migrations ORDER BY component, version"));
        Assert.Equal(["email", "id"], await QueryAsync("SELECT name FROM pragma_table_info('contacts') ORDER BY name"));
    }

    [Fact]
    public async Task A_failing_migration_leaves_nothing_behind_and_runs_again_at_the_next_start()
    {
        await using (var failing = Services(new SchemaMigration("contacts", 1, "CREATE TABLE contacts (id TEXT); SELECT no_such_function()")))
        {
            await Assert.ThrowsAsync<SqliteException>(() => failing.GetRequiredService<IStorageLifecycle>().InitializeAsync(CancellationToken.None));
        }
        Assert.Empty(await QueryAsync("SELECT name FROM sqlite_master WHERE name = 'contacts'"));

        await using var fixedUp = Services(new SchemaMigration("contacts", 1, "CREATE TABLE contacts (id TEXT)"));
        await fixedUp.GetRequiredService<IStorageLifecycle>().InitializeAsync(CancellationToken.None);

        Assert.Equal(["contacts"], await QueryAsync("SELECT name FROM sqlite_master WHERE name = 'contacts'"));
    }

    [Fact]
    public void Two_different_migrations_with_the_same_component_and_version_are_refused()
    {
        using var services = Services(new SchemaMigration("contacts", 1, "SELECT 1"), new SchemaMigration("contacts", 1, "SELECT 2"));

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<SqliteSchemaMigrator>());

        Assert.Contains("'contacts'", error.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    ServiceProvider Services(params SchemaMigration[] migrations)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Provider"] = "Sqlite", ["DataDirectory"] = folder })
            .Build();
        var services = new ServiceCollection().AddGrainStorage(configuration);
        foreach (var migration in migrations)
            services.AddSchemaMigration(SqlDialect.Sqlite, migration);
        return services.BuildServiceProvider();
    }

    async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, SqliteDatabase.FileName)}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }
}
