using Actors.Api.Categories;
using Actors.Api.Companies;
using Actors.Api.Contacts;
using Actors.Api.Fields;
using Actors.Api.Hosting;
using Actors.Api.Segments;
using Actors.Api.Stages;
using Actors.Api.Tags;
using Actors.Api.Users;
using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Categories;
using Actors.Interfaces.Segments;
using Actors.Interfaces.Stages;
using Actors.Interfaces.Tags;
using Actors.Runtime;

namespace Actors.Api.Catalogs;

/// <summary>
/// Finishes, once the process has started, the catalog changes a crash cut short: a delete that marked its entry but
/// did not sweep its contacts and remove it (the entry is hidden from every answer, so no operator would know to
/// repeat the request), the same for a contact field's delete (<see cref="FieldDelete"/>), a company's
/// (<see cref="CompanyDirectory"/>) and a user's (<see cref="UserDelete"/>, which also clears the owners an older build's
/// user delete left), and a tag rename that did not reach every contact. Every step is idempotent, so front ends
/// starting together, or a request repeating the change meanwhile, do no harm. A cluster client may start before any
/// silo is Active: then, as <see cref="StartupGrainCalls"/> does, the work is tried again with its backoff (0.5 s
/// doubling up to 10 s) until a silo serves it, each attempt logged as one line, since a missing silo is expected
/// there. Any other failure is a fault worth its stack trace, and is tried again with the same backoff.
/// </summary>
public sealed partial class UnfinishedCatalogChanges(
    IServiceProvider services, ContactReferences references, IHostApplicationLifetime lifetime, ILogger<UnfinishedCatalogChanges> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The embedded silo, or the cluster client, serves grain calls only once the host has started.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(started.SetResult))
            await started.Task.WaitAsync(stoppingToken);
        var delay = StartupGrainCalls.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await FinishAsync(stoppingToken);
                if (attempt > 1)
                    LogFinishedAtLast(logger, attempt);
                return;
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested && TransientCallFailure.Is(failure))
            {
                LogNoSiloYet(logger, attempt, delay, failure.Message);
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, attempt, delay, failure);
            }
            await Task.Delay(delay, stoppingToken);
            delay = StartupGrainCalls.NextRetryDelay(delay);
        }
    }

    /// <summary>Finishes every unfinished delete of contact fields, companies and users (also an older build's), and delete and rename of segments, stages, tags and categories.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        var fields = services.GetRequiredService<FieldDelete>();
        foreach (var field in await fields.UnfinishedAsync())
        {
            LogFinishingDelete(logger, "fields/contact", field.Id);
            await fields.FinishAsync(field, cancellationToken);
        }
        await FinishAsync<Segment, SegmentResource>(cancellationToken);
        await FinishAsync<Stage, StageResource>(cancellationToken);
        await FinishAsync<Tag, TagResource>(cancellationToken);
        await FinishAsync<Category, CategoryResource>(cancellationToken);
        await services.GetRequiredService<CompanyDirectory>().FinishChangesAsync(cancellationToken);
        var users = services.GetRequiredService<UserDelete>();
        await users.FinishUnfinishedAsync(cancellationToken);
        foreach (var user in await users.ClearOwnersOfDeletedUsersAsync(cancellationToken))
            LogClearedOwner(logger, user);
    }

    private async Task FinishAsync<T, TResource>(CancellationToken cancellationToken)
        where T : class, ICatalogEntry<T>
        where TResource : CatalogResource<T>
    {
        var catalog = CatalogEndpoints.Catalog<T>(services.GetRequiredService<IGrainFactory>());
        var resource = services.GetRequiredService<TResource>();
        foreach (var entry in await catalog.Removing())
        {
            LogFinishingDelete(logger, resource.Path, entry.Id);
            await CatalogEndpoints.FinishRemoveAsync(catalog, resource, entry, references, cancellationToken);
        }
        foreach (var entry in await catalog.List())
            await resource.FinishAsync(entry, cancellationToken);
    }

    [LoggerMessage(70, LogLevel.Information, "Finishing the delete of {Kind} {Id} that an earlier process left unfinished")]
    private static partial void LogFinishingDelete(ILogger logger, string kind, long id);

    [LoggerMessage(72, LogLevel.Information, "Cleared user {Id}, which an earlier build deleted, as the owner of its contacts")]
    private static partial void LogClearedOwner(ILogger logger, long id);

    [LoggerMessage(71, LogLevel.Warning, "Attempt {Attempt} at finishing the catalog changes an earlier process left unfinished failed; trying again in {Delay}")]
    private static partial void LogFailed(ILogger logger, int attempt, TimeSpan delay, Exception failure);

    [LoggerMessage(73, LogLevel.Warning, "Attempt {Attempt} at finishing the catalog changes an earlier process left unfinished found no silo ({Reason}); trying again in {Delay}")]
    private static partial void LogNoSiloYet(ILogger logger, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(74, LogLevel.Information, "Finished the catalog changes an earlier process left unfinished at attempt {Attempt}")]
    private static partial void LogFinishedAtLast(ILogger logger, int attempt);
}
