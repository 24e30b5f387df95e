using Actors.Grains.Storage.Sql;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Actors.Runtime.Persistence.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Storage.Records;

public static class RecordTableServiceCollectionExtensions
{
    /// <summary>
    /// Adds <paramref name="table"/> in the database the "Storage" section chooses, its storage as the keyed
    /// <see cref="IGrainStorage"/> named after the table, and its reader, keyed the same. With the Memory provider the
    /// records are kept by the default grain storage and the reader cannot be resolved: there is no table to list.
    /// </summary>
    public static IServiceCollection AddRecordTable(this IServiceCollection services, IConfiguration configuration, RecordTable table)
    {
        services.AddSqlStores(configuration);
        services.AddSchemaMigration(SqlDialect.Sqlite, table.SqliteSchema);
        services.AddSchemaMigration(SqlDialect.PostgreSql, table.PostgreSqlSchema);
        services.AddKeyedSingleton<IGrainStorage>(table.Name, (sp, _) => Provider(sp) switch
        {
            StorageProvider.Memory => sp.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default),
            var sql => new RecordTableStorage(Store(sp, sql), table),
        });
        services.AddKeyedSingleton(table.Name, (sp, _) => Provider(sp) switch
        {
            StorageProvider.Memory => throw new NotSupportedException($"The {table.Name} list reads the {table.Name} table, which the Memory storage provider does not have."),
            var sql => new RecordTableReader(Store(sp, sql), table),
        });
        return services;
    }

    static StorageProvider Provider(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value.ProviderKind;

    static SqlStore Store(IServiceProvider services, StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => services.GetRequiredService<SqliteStore>(),
        StorageProvider.PostgreSql => services.GetRequiredService<PostgreSqlStore>(),
        var unknown => throw new ArgumentOutOfRangeException(nameof(provider), unknown, "No such storage provider."),
    };
}
