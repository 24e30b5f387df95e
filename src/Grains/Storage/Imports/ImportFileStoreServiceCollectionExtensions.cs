using Actors.Grains.Storage.Sql;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Grains.Storage.Imports;

public static class ImportFileStoreServiceCollectionExtensions
{
    /// <summary>Adds the import file store in the database the "Storage" section of <paramref name="configuration"/> chooses.</summary>
    public static IServiceCollection AddImportFiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSqlStores(configuration);
        services.AddSchemaMigration(SqlDialect.Sqlite, SqlImportFileStore.Sqlite);
        services.AddSchemaMigration(SqlDialect.PostgreSql, SqlImportFileStore.PostgreSql);
        services.TryAddSingleton<IImportFileStore>(sp =>
            sp.ConfiguredSqlStore() is { } store ? new SqlImportFileStore(store) : new MemoryImportFileStore());
        return services;
    }
}
