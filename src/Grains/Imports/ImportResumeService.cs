using Actors.Interfaces.Imports;
using Actors.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Imports;

/// <summary>
/// Activates every unfinished import once the silo has started, so imports cut off by a crash or a restart carry on
/// from their checkpoints without waiting for someone to ask for their status.
/// </summary>
internal sealed class ImportResumeService(IGrainFactory grains, ILogger<ImportResumeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var unfinished = await grains.GetGrain<IImportDirectoryGrain>(IImportDirectoryGrain.Key).Unfinished();
            if (unfinished.Count > 0)
                ImportLog.Resuming(logger, unfinished.Count);
            foreach (var importId in unfinished)
                await grains.GetGrain<IImportJobGrain>(importId).Resume();
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            ImportLog.ResumeFailed(logger, exception);
        }
    }
}
