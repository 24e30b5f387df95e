using Actors.Grains.Storage.Imports;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Storage;

/// <summary>An uploaded file read back from any byte offset, across chunk and piece boundaries, alike on every store.</summary>
public abstract class ImportFileStoreTests(StorageProvider provider) : IAsyncLifetime
{
    const int Chunk = IImportFileStore.ChunkSize, Piece = ChunkedFileStream.PieceSize;

    TestDatabase database = null!;
    ServiceProvider services = null!;

    IImportFileStore Files => services.GetRequiredService<IImportFileStore>();

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        services = new ServiceCollection().AddLogging().AddImportFiles(database.Configuration).BuildServiceProvider();
        foreach (var lifecycle in services.GetServices<IStorageLifecycle>())
            await lifecycle.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await services.DisposeAsync();
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Piece - 1)]
    [InlineData(Piece)]
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    [InlineData(2 * Chunk + Piece + 17)]
    [InlineData(2 * Chunk + 300_000)]
    public async Task A_file_of_several_chunks_reads_back_exactly_from_any_offset(int offset)
    {
        var file = new byte[2 * Chunk + 300_000];
        new Random(6).NextBytes(file);
        for (var index = 0; index * Chunk < file.Length; index++)
            await Files.SaveChunkAsync("upload", index, file.AsMemory(index * Chunk, Math.Min(Chunk, file.Length - index * Chunk)), CancellationToken.None);

        var read = await ReadToEndAsync(Files.OpenRead("upload", offset));

        Assert.Equal(file.Length - offset, read.Length);
        Assert.True(file.AsSpan(offset).SequenceEqual(read));
    }

    [Fact]
    public async Task A_file_that_was_never_stored_or_was_deleted_reads_as_empty()
    {
        await Files.SaveChunkAsync("gone", 0, new byte[] { 1, 2, 3 }, CancellationToken.None);
        await Files.DeleteAsync("gone", CancellationToken.None);

        Assert.Empty(await ReadToEndAsync(Files.OpenRead("gone", 0)));
        Assert.Empty(await ReadToEndAsync(Files.OpenRead("never", 0)));
    }

    static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            // Small reads, as CsvHelper makes them, so pieces are consumed across many calls.
            var buffer = new byte[4096];
            int count;
            while ((count = await stream.ReadAsync(buffer)) > 0)
                copy.Write(buffer, 0, count);
            return copy.ToArray();
        }
    }
}

public sealed class MemoryImportFileStoreTests() : ImportFileStoreTests(StorageProvider.Memory);

public sealed class SqliteImportFileStoreTests() : ImportFileStoreTests(StorageProvider.Sqlite);

public sealed class PostgreSqlImportFileStoreTests() : ImportFileStoreTests(StorageProvider.PostgreSql);
