using Actors.Grains.Hosting;
using Actors.Runtime.Hosting;
using Actors.Silo.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds a silo of the contact service to a host: the runtime, the grain storage chosen by the "Storage"
    /// section, this product's grains, and a readiness check on that storage. The silo process and the
    /// Api's embedded silo are composed by this one method, so they cannot drift apart.
    /// </summary>
    public static IServiceCollection AddContactSilo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSiloRuntime(configuration);
        services.AddGrainStorage(configuration.GetSection(StorageOptions.SectionName));
        services.AddContactGrains(configuration);
        services.AddStorageReadiness();
        return services;
    }

    /// <summary>Ready only while the grain storage answers; shared by silos and the Api as a cluster client, which reads the same database.</summary>
    internal static IServiceCollection AddStorageReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StorageHealthCheck>(
            "storage", HealthStatus.Unhealthy, [HealthEndpoints.ReadyTag], StorageHealthCheck.Timeout);
        return services;
    }
}
