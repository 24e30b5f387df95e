namespace Actors.Grains.Storage.Imports;

/// <summary>
/// Uploaded import files, kept in the database in chunks of <see cref="ChunkSize"/> bytes so that every silo of a
/// cluster reads the same file and a job can start reading at any byte offset without loading what comes before.
/// </summary>
public interface IImportFileStore
{
    public const int ChunkSize = 1 << 20;

    /// <summary>Stores chunk <paramref name="index"/> (0-based) of the file; storing it again replaces it.</summary>
    Task SaveChunkAsync(string importId, int index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>The file from byte <paramref name="offset"/> on, read a chunk at a time.</summary>
    Stream OpenRead(string importId, long offset);

    /// <summary>Removes the file (an import that finished, or an upload that was refused).</summary>
    Task DeleteAsync(string importId, CancellationToken cancellationToken);
}
