using Actors.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Storage.Sql;

internal static class SqlStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds both dialects' stores over the grain storage's own database objects. Adding the grain storage again is
    /// harmless (its registrations are idempotent) and lets the product's tables be added in any order.
    /// </summary>
    public static IServiceCollection AddSqlStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGrainStorage(configuration.GetSection(StorageOptions.SectionName));
        services.TryAddSingleton<SqliteStore>();
        services.TryAddSingleton<PostgreSqlStore>();
        return services;
    }

    /// <summary>The store of the configured database, or null with the Memory provider, which has none.</summary>
    public static SqlStore? ConfiguredSqlStore(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.ProviderKind switch
        {
            StorageProvider.Sqlite => services.GetRequiredService<SqliteStore>(),
            StorageProvider.PostgreSql => services.GetRequiredService<PostgreSqlStore>(),
            _ => null,
        };
}
