using Actors.Grains.Storage.Sql;
using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence.Migrations;

namespace Actors.Grains.Storage.KeyRing;

/// <summary>
/// The front ends' data protection key ring (the keys that protect the operator UI's session and antiforgery cookies),
/// as XML elements in the data_protection_keys table of the configured database, so that every Api replica and every
/// restart reads cookies the others issued. Elements are only ever added: a key expires or is revoked by another
/// element, never by changing one. The table is the Api's alone, but every process that migrates the storage creates
/// it, since a cluster client migrates nothing.
/// </summary>
public sealed class KeyRingTable(SqlStore store)
{
    public const string Component = "data_protection_keys";

    public static readonly SchemaMigration Sqlite = new(Component, 1, """
        CREATE TABLE data_protection_keys (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            friendly_name TEXT NOT NULL,
            xml           TEXT NOT NULL
        );
        """);

    public static readonly SchemaMigration PostgreSql = new(Component, 1, """
        CREATE TABLE data_protection_keys (
            id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            friendly_name text NOT NULL,
            xml           text NOT NULL
        );
        """);

    /// <summary>Every element, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_keys ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var elements = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            elements.Add(reader.GetString(0));
        return elements;
    }

    public Task AddAsync(string friendlyName, string xml, CancellationToken cancellationToken) =>
        store.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml)";
            command.AddParameter("@name", friendlyName);
            command.AddParameter("@xml", xml);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
