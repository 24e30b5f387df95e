using Actors.Grains.Storage.Sql;
using Actors.Runtime.Hosting;

namespace Actors.Grains.Tests.Storage;

public sealed class SqliteDurabilityTests() : StorageHost(StorageProvider.Sqlite)
{
    [Fact]
    public async Task Writes_run_in_wal_mode_with_synchronous_full_so_a_commit_survives_a_crash()
    {
        var (journal, synchronous) = await Service<SqliteStore>().WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            var journal = (string)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA synchronous";
            return (journal, (long)(await command.ExecuteScalarAsync())!);
        }, CancellationToken.None);

        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous);
    }
}
