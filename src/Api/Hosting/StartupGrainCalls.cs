using Actors.Runtime;
using Actors.Silo.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Api.Hosting;

/// <summary>
/// Runs the grain calls a front end must make before it takes requests (the first API user), once a silo can serve
/// them. The embedded silo serves at once, so there they are done before Kestrel listens. A cluster client may start
/// before any silo is Active (in Kubernetes the API pods and the silos start together): then the start goes on without
/// them, and they are tried again with backoff (<see cref="FirstRetryDelay"/> doubling up to <see cref="MaxRetryDelay"/>)
/// until they succeed or the host stops, each failed call making the client re-read the membership table. Meanwhile the
/// process is live and /readyz answers 503, so neither a crash loop nor a request arrives before the calls are done.
/// "No silo yet" is any <see cref="TransientCallFailure"/>: no Active silo in the view, the owner gone, unreachable or
/// stopping, views that disagree mid-rollout, or a silo too busy joining to answer in time.
/// A failure other than a missing silo is a bug: it fails the start, or after it is logged and keeps the process not ready.
/// </summary>
public sealed partial class StartupGrainCalls(IHostApplicationLifetime lifetime, ILogger<StartupGrainCalls> logger) : IHealthCheck
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private int _waiting;

    /// <summary>Runs <paramref name="calls"/> now, or, when no silo can serve them yet, in the background until one can.</summary>
    public async Task RunAsync(string purpose, Func<Task> calls)
    {
        try
        {
            await calls();
            return;
        }
        catch (Exception failure) when (TransientCallFailure.Is(failure))
        {
            LogWaiting(logger, purpose, failure.Message);
        }
        Interlocked.Increment(ref _waiting);
        _ = RetryAsync(purpose, calls, lifetime.ApplicationStopping);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Volatile.Read(ref _waiting) == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The start-up grain calls are waiting for an Active silo."));

    private async Task RetryAsync(string purpose, Func<Task> calls, CancellationToken stopping)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 2; ; attempt++)
        {
            try
            {
                await Task.Delay(delay, stopping);
                await calls();
                Interlocked.Decrement(ref _waiting);
                LogDone(logger, purpose, attempt);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (TransientCallFailure.Is(failure))
            {
                delay = NextRetryDelay(delay);
                LogRetrying(logger, purpose, attempt, delay, failure.Message);
            }
            catch (Exception failure)
            {
                LogFailed(logger, purpose, failure);
                return;
            }
        }
    }

    /// <summary>The wait after <paramref name="delay"/>: twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public static TimeSpan NextRetryDelay(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));

    [LoggerMessage(90, LogLevel.Warning, "No silo can serve {Purpose} yet ({Reason}); the process starts not ready and tries again")]
    private static partial void LogWaiting(ILogger logger, string purpose, string reason);

    [LoggerMessage(91, LogLevel.Information, "Attempt {Attempt} at {Purpose} found no silo either ({Reason}); trying again in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string purpose, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(92, LogLevel.Information, "Finished {Purpose} at attempt {Attempt}, now that a silo serves it")]
    private static partial void LogDone(ILogger logger, string purpose, int attempt);

    [LoggerMessage(93, LogLevel.Error, "Gave up on {Purpose}: the failure is not a missing silo, so the process stays not ready")]
    private static partial void LogFailed(ILogger logger, string purpose, Exception failure);
}

public static class StartupGrainCallsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="StartupGrainCalls"/> and makes readiness wait for the calls it runs.</summary>
    public static IServiceCollection AddStartupGrainCalls(this IServiceCollection services)
    {
        services.AddSingleton<StartupGrainCalls>();
        services.AddHealthChecks().AddCheck<StartupGrainCalls>("startup grain calls", HealthStatus.Unhealthy, [HealthEndpoints.ReadyTag]);
        return services;
    }
}
