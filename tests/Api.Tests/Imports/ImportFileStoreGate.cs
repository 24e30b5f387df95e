using Actors.Grains.Storage.Imports;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Imports;

/// <summary>
/// Holds the import's read of its file after <c>readsLetThrough</c> batches until the test releases it. The read blocks
/// the thread of the job's turn, so the job's activation answers nothing meanwhile, as a grain stuck in a turn would not.
/// </summary>
internal sealed class ImportFileStoreGate(int readsLetThrough)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reads;

    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    public void Install(IServiceCollection services)
    {
        var stored = services.Last(d => d.ServiceType == typeof(IImportFileStore));
        services.AddSingleton<IImportFileStore>(provider => new Gated((IImportFileStore)stored.ImplementationFactory!(provider), this));
    }

    private Stream OpenRead(IImportFileStore files, string importId, long offset)
    {
        if (Interlocked.Increment(ref _reads) > readsLetThrough)
        {
            _reached.TrySetResult();
            _released.Task.Wait(TimeSpan.FromMinutes(1));
        }
        return files.OpenRead(importId, offset);
    }

    private sealed class Gated(IImportFileStore files, ImportFileStoreGate gate) : IImportFileStore
    {
        public Task SaveChunkAsync(string importId, int index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
            => files.SaveChunkAsync(importId, index, data, cancellationToken);

        public Stream OpenRead(string importId, long offset) => gate.OpenRead(files, importId, offset);

        public Task DeleteAsync(string importId, CancellationToken cancellationToken) => files.DeleteAsync(importId, cancellationToken);
    }
}
