using Actors.Grains.Storage.Contacts;
using Actors.Grains.Storage.Sql;
using Actors.Interfaces.Contacts;
using Actors.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Contacts;

/// <summary>
/// Reaches, once the silo has started, every contact whose merge a crash or a restart cut short, as imports are resumed
/// (ImportResumeService): a merge answered 503 says it finishes on its own, and an intent only goes on while its winner
/// is active, so without this the loser would stay a contact of its own until someone happened to touch the winner.
/// The winners are found through the contacts table's pending_merge column (<see cref="UnfinishedMerges"/>). Every silo
/// of a cluster sweeps: a contact has one activation wherever the call is placed, and
/// <see cref="IContactGrain.ResumeRecordedMerge"/> leaves a merge already under way to run, so sweeps meeting do no harm.
/// A sweep that fails (no silo serving yet, the store away) is tried again with a growing delay until one succeeds.
/// With the Memory provider nothing outlives the process, so there is nothing to sweep.
/// </summary>
internal sealed partial class UnfinishedMergeSweep(IServiceProvider services, IGrainFactory grains, ILogger<UnfinishedMergeSweep> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.ConfiguredSqlStore() is not { } store)
            return;
        var merges = new UnfinishedMerges(store);
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                await SweepAsync(merges, stoppingToken);
                return;
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, delay, failure);
            }
            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task SweepAsync(UnfinishedMerges merges, CancellationToken cancellationToken)
    {
        var winners = await merges.ReadWinnersAsync(cancellationToken);
        if (winners.Count == 0)
            return;
        LogResuming(logger, winners.Count);
        foreach (var winner in winners)
            await grains.GetContact(winner).ResumeRecordedMerge();
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Resuming {Count} merges a crash or restart left unfinished")]
    private static partial void LogResuming(ILogger logger, int count);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "The unfinished merges could not be resumed; trying again in {Delay}")]
    private static partial void LogFailed(ILogger logger, TimeSpan delay, Exception exception);
}
