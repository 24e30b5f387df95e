using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;

namespace Actors.Grains.Storage.Imports;

/// <summary>The import files in the import_files table of the configured database (SQLite or PostgreSQL).</summary>
public sealed class SqlImportFileStore(SqlStore store) : IImportFileStore
{
    public const string Component = "import_files";

    public static readonly SchemaMigration Sqlite = new(Component, 1, """
        CREATE TABLE import_files (
            import_id TEXT    NOT NULL,
            chunk     INTEGER NOT NULL,
            data      BLOB    NOT NULL,
            PRIMARY KEY (import_id, chunk)
        );
        """);

    public static readonly SchemaMigration PostgreSql = new(Component, 1, """
        CREATE TABLE import_files (
            import_id text    NOT NULL,
            chunk     integer NOT NULL,
            data      bytea   NOT NULL,
            PRIMARY KEY (import_id, chunk)
        );
        """);

    public Task SaveChunkAsync(string importId, int index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        store.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO import_files (import_id, chunk, data) VALUES (@id, @chunk, @data)
                ON CONFLICT (import_id, chunk) DO UPDATE SET data = excluded.data
                """;
            command.AddParameter("@id", importId);
            command.AddParameter("@chunk", index);
            command.AddParameter("@data", data.ToArray());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Stream OpenRead(string importId, long offset) =>
        new ChunkedFileStream((index, from, length, cancellationToken) => ReadPieceAsync(importId, index, from, length, cancellationToken), offset);

    public Task DeleteAsync(string importId, CancellationToken cancellationToken) =>
        store.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM import_files WHERE import_id = @id";
            command.AddParameter("@id", importId);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private async Task<byte[]?> ReadPieceAsync(string importId, int index, int from, int length, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Both databases cut the piece out of the stored chunk themselves (1-based); past its end they answer an empty value.
        command.CommandText = store.Dialect == SqlDialect.Sqlite
            ? "SELECT substr(data, @from + 1, @length) FROM import_files WHERE import_id = @id AND chunk = @chunk"
            : "SELECT substring(data FROM @from + 1 FOR @length) FROM import_files WHERE import_id = @id AND chunk = @chunk";
        command.AddParameter("@id", importId);
        command.AddParameter("@chunk", index);
        command.AddParameter("@from", from);
        command.AddParameter("@length", length);
        return await command.ExecuteScalarAsync(cancellationToken) switch
        {
            null => null,
            byte[] piece => piece,
            _ => [],
        };
    }
}
