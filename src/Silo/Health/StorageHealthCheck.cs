using Actors.Runtime.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Silo.Health;

/// <summary>
/// Ready only while every grain storage answers: a silo that cannot reach its store fails every activation,
/// so it should be taken out of rotation rather than restarted (liveness does not include this check).
/// </summary>
internal sealed class StorageHealthCheck(IEnumerable<IStorageLifecycle> storages) : IHealthCheck
{
    /// <summary>A probe must answer before the orchestrator gives up on it, even while a connect attempt hangs.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        foreach (var storage in storages.Distinct())
        {
            try
            {
                await storage.CheckHealthAsync(cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"{storage.GetType().Name} is unreachable: {exception.Message}", exception);
            }
        }
        return HealthCheckResult.Healthy();
    }
}
