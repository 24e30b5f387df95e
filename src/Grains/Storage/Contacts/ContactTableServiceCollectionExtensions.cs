using Actors.Grains.Storage.Contacts.Query;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Actors.Runtime.Persistence.Memory;
using Actors.Runtime.Persistence.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Storage.Contacts;

public static class ContactTableServiceCollectionExtensions
{
    /// <summary>
    /// Adds the contacts table and registers its storage as the keyed <see cref="IGrainStorage"/>
    /// <see cref="ContactTableStorage.StorageName"/>, in the database the "Storage" section of
    /// <paramref name="configuration"/> (the root configuration) chooses. The contact grain's code registers the
    /// <see cref="IContactRowProjection"/> it needs. With the Memory provider the contacts are kept by the default (in-memory)
    /// grain storage: there is no table to query, and no projection is needed.
    /// Adds the <see cref="ContactListReader"/> over the same table; with the Memory provider it cannot be resolved.
    /// </summary>
    public static IServiceCollection AddContactTable(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSqlStores(configuration);
        services.AddSchemaMigration(SqlDialect.Sqlite, ContactTableSchema.Sqlite);
        services.AddSchemaMigration(SqlDialect.PostgreSql, ContactTableSchema.PostgreSql);
        services.AddSchemaMigration(SqlDialect.PostgreSql, ContactTableSchema.PostgreSqlEmailPrefix);
        services.AddSchemaMigration(SqlDialect.Sqlite, ContactTableSchema.OwnerIndex);
        services.AddSchemaMigration(SqlDialect.PostgreSql, ContactTableSchema.OwnerIndex);
        services.AddSchemaMigration(SqlDialect.Sqlite, ContactTableSchema.SqliteUnicodeEmail);
        services.AddSchemaMigration(SqlDialect.Sqlite, ContactTableSchema.SqlitePendingMerge);
        services.AddSchemaMigration(SqlDialect.PostgreSql, ContactTableSchema.PostgreSqlPendingMerge);
        services.TryAddKeyedSingleton<IGrainStorage>(ContactTableStorage.StorageName, (sp, _) =>
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ProviderKind switch
            {
                StorageProvider.Memory => sp.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default),
                StorageProvider.Sqlite => new ContactTableStorage(sp.GetRequiredService<SqliteStore>(), sp.GetRequiredService<IContactRowProjection>()),
                StorageProvider.PostgreSql => new ContactTableStorage(sp.GetRequiredService<PostgreSqlStore>(), sp.GetRequiredService<IContactRowProjection>()),
                var unknown => throw new ArgumentOutOfRangeException(nameof(configuration), unknown, "No such storage provider."),
            });
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.ProviderKind switch
        {
            StorageProvider.Sqlite => new ContactListReader(sp.GetRequiredService<SqliteStore>()),
            StorageProvider.PostgreSql => new ContactListReader(sp.GetRequiredService<PostgreSqlStore>()),
            var other => throw new NotSupportedException($"The contact list reads the contacts table, which the {other} storage provider does not have."),
        });
        services.TryAddSingleton(sp => sp.ConfiguredSqlStore() is { } store
            ? new ContactExportReader(store)
            : throw new NotSupportedException("The contact export reads the contacts table, which the Memory storage provider does not have."));
        return services;
    }
}
