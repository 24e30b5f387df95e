using System.Collections.Concurrent;

namespace Actors.Grains.Storage.Imports;

/// <summary>Import files in process memory, for the Memory storage provider; lost on restart like everything it stores.</summary>
public sealed class MemoryImportFileStore : IImportFileStore
{
    private readonly ConcurrentDictionary<(string ImportId, int Index), byte[]> _chunks = new();

    public Task SaveChunkAsync(string importId, int index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _chunks[(importId, index)] = data.ToArray();
        return Task.CompletedTask;
    }

    public Stream OpenRead(string importId, long offset) =>
        new ChunkedFileStream((index, from, length, _) => Task.FromResult(ReadPiece(importId, index, from, length)), offset);

    private byte[]? ReadPiece(string importId, int index, int from, int length)
    {
        if (!_chunks.TryGetValue((importId, index), out var chunk))
            return null;
        var start = Math.Min(from, chunk.Length);
        return chunk.AsSpan(start, Math.Min(length, chunk.Length - start)).ToArray();
    }

    public Task DeleteAsync(string importId, CancellationToken cancellationToken)
    {
        foreach (var key in _chunks.Keys.Where(k => k.ImportId == importId))
            _chunks.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
