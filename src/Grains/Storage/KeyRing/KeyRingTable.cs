using System.Data.Common;
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
        store.WriteAsync(connection => InsertAsync(connection, null, friendlyName, xml, "", cancellationToken), cancellationToken);

    /// <summary>
    /// Adds the ring's first element unless another process added one since this one found the table empty, and says
    /// whether it did. Two front ends starting together on an empty table each make a key to use at once; keeping only
    /// the first to commit makes both use that one (see UiKeyRing). PostgreSQL locks the table against other writers
    /// for the check, since two READ COMMITTED inserts would each see it empty; SQLite admits one writer anyway.
    /// </summary>
    public Task<bool> AddFirstAsync(string friendlyName, string xml, CancellationToken cancellationToken) =>
        store.WriteAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (store.Dialect == SqlDialect.PostgreSql)
            {
                await using var exclusive = connection.CreateCommand();
                exclusive.Transaction = transaction;
                exclusive.CommandText = "LOCK TABLE data_protection_keys IN SHARE ROW EXCLUSIVE MODE";
                await exclusive.ExecuteNonQueryAsync(cancellationToken);
            }
            var added = await InsertAsync(connection, transaction, friendlyName, xml,
                " WHERE NOT EXISTS (SELECT 1 FROM data_protection_keys)", cancellationToken) == 1;
            await transaction.CommitAsync(cancellationToken);
            return added;
        }, cancellationToken);

    private static async Task<int> InsertAsync(
        DbConnection connection, DbTransaction? transaction, string friendlyName, string xml, string condition, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO data_protection_keys (friendly_name, xml) SELECT @name, @xml" + condition;
        command.AddParameter("@name", friendlyName);
        command.AddParameter("@xml", xml);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
