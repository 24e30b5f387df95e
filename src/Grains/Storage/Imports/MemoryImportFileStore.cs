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
        new ChunkedFileStream((index, _) => Task.FromResult(_chunks.GetValueOrDefault((importId, index))), offset);

    public Task DeleteAsync(string importId, CancellationToken cancellationToken)
    {
        foreach (var key in _chunks.Keys.Where(k => k.ImportId == importId))
            _chunks.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
