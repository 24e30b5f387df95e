using Microsoft.Data.Sqlite;

namespace Actors.Runtime.Tests.Persistence;

public sealed class SqliteGrainStorageTests : GrainStorageConformance
{
    readonly List<string> folders = [];

    protected override Task<IReadOnlyDictionary<string, string?>> CreateStoreAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "actors-tests", Guid.NewGuid().ToString("N"));
        folders.Add(folder);
        return Task.FromResult<IReadOnlyDictionary<string, string?>>(
            new Dictionary<string, string?> { ["Provider"] = "Sqlite", ["DataDirectory"] = folder });
    }

    protected override Task DeleteStoresAsync()
    {
        // Pooled connections keep the file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        foreach (var folder in folders.Where(Directory.Exists))
            Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}
