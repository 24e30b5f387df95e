using Actors.Runtime.Persistence.AdoNet;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Actors.Runtime.Tests.Persistence;

/// <summary>A write's follow-up statements (<see cref="WriteStatement.Then"/>) on a real SQLite file, and their refusal where statements travel as one batch.</summary>
public sealed class GroupCommitWriterTests : IAsyncLifetime
{
    readonly string folder = Directory.CreateTempSubdirectory("group-commit-").FullName;
    GroupCommitWriter writer = null!;

    string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "test.db"), Pooling = false }.ToString();

    public async Task InitializeAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE rows (id INTEGER PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE notes (text TEXT NOT NULL);";
        await command.ExecuteNonQueryAsync();
        writer = new GroupCommitWriter(async ct =>
        {
            var opened = new SqliteConnection(ConnectionString);
            await opened.OpenAsync(ct);
            return opened;
        }, writers: 1);
    }

    public async Task DisposeAsync()
    {
        await writer.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    static WriteStatement Insert(long id, string? note) =>
        new WriteStatement("INSERT INTO rows (id, value) VALUES (@id, 'v') ON CONFLICT DO NOTHING RETURNING id").With("@id", id)
            .Then(new WriteStatement("INSERT INTO notes (text) VALUES (@text)").With("@text", note));

    [Fact]
    public async Task A_follow_up_runs_only_when_its_statement_answered_a_row()
    {
        var stored = writer.EnqueueAsync(Insert(1, "stored"));
        var conflicting = writer.EnqueueAsync(Insert(1, "conflicting"));

        Assert.Equal(1L, await stored);
        Assert.Null(await conflicting);
        Assert.Equal(["stored"], await ReadAsync("SELECT text FROM notes"));
    }

    [Fact]
    public async Task A_failing_follow_up_fails_its_transaction_and_stores_nothing_of_it()
    {
        await Assert.ThrowsAsync<SqliteException>(() => writer.EnqueueAsync(Insert(2, note: null)));

        Assert.Empty(await ReadAsync("SELECT id FROM rows"));
        Assert.Equal(1L, await writer.EnqueueAsync(Insert(1, "after")));
    }

    [Fact]
    public async Task Statements_sent_as_one_command_batch_refuse_follow_ups()
    {
        await using var dataSource = NpgsqlDataSource.Create(PostgreSqlGrainStorageTests.ServerConnectionString);
        await using var batched = new GroupCommitWriter(async ct => await dataSource.OpenConnectionAsync(ct), writers: 1);

        await Assert.ThrowsAsync<NotSupportedException>(() => batched.EnqueueAsync(Insert(1, "never")));
    }

    async Task<List<string>> ReadAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }
}
