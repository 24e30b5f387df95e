using Actors.Grains.Storage.Sql;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Grains.Storage.KeyRing;

public static class KeyRingTableServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="KeyRingTable"/> of the database the "Storage" section of <paramref name="configuration"/>
    /// chooses. The Memory provider has no database: resolving the table there is a mistake the message names.
    /// </summary>
    public static IServiceCollection AddKeyRingTable(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSqlStores(configuration);
        services.AddSchemaMigration(SqlDialect.Sqlite, KeyRingTable.Sqlite);
        services.AddSchemaMigration(SqlDialect.PostgreSql, KeyRingTable.PostgreSql);
        services.TryAddSingleton(sp => new KeyRingTable(sp.ConfiguredSqlStore()
            ?? throw new InvalidOperationException("Storage:Provider Memory keeps no key ring table; the data protection keys stay in the process.")));
        return services;
    }
}
