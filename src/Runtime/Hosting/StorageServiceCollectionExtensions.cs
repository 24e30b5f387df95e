using Actors.Runtime.Persistence.AdoNet;
using Actors.Runtime.Persistence;
using Actors.Runtime.Persistence.Memory;
using Actors.Runtime.Persistence.Migrations;
using Actors.Runtime.Persistence.PostgreSql;
using Actors.Runtime.Persistence.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Actors.Runtime.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The name under which the configured provider is also registered as a keyed <see cref="IGrainStorage"/>.</summary>
    public const string DefaultStorageName = "Default";

    /// <summary>PostgreSQL transactions committing at once: enough to overlap round trips, few enough to keep batches large.</summary>
    private const int PostgreSqlCommitters = 4;

    /// <summary>
    /// Registers the provider chosen by <paramref name="storageSection"/> ("Storage") as the singleton
    /// <see cref="IGrainStorage"/> and <see cref="IStorageLifecycle"/>. The choice is made when the storage is
    /// first resolved, after validation, so a bad setting surfaces as one message naming it.
    /// </summary>
    public static IServiceCollection AddGrainStorage(this IServiceCollection services, IConfiguration storageSection)
    {
        services.AddOptions<StorageOptions>().Bind(storageSection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddSingleton(sp => NpgsqlDataSource.Create(StorageConnectionString.WithDefaults(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString!)));
        // One group-commit writer per database, shared by everything that writes small records to it, so
        // that all of them fill the same transactions.
        services.TryAddKeyedSingleton(SqlDialect.Sqlite, (sp, _) => sp.GetRequiredService<SqliteDatabase>().CreateGroupCommitWriter());
        services.TryAddKeyedSingleton(SqlDialect.PostgreSql, (sp, _) => new GroupCommitWriter(
            async ct => await sp.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct), PostgreSqlCommitters));
        services.TryAddSingleton<SqliteSchemaMigrator>();
        services.TryAddSingleton<PostgreSqlSchemaMigrator>();
        services.AddSchemaMigration(SqlDialect.Sqlite, SqliteGrainStorage.Schema);
        services.AddSchemaMigration(SqlDialect.PostgreSql, PostgreSqlGrainStorage.Schema);

        services.TryAddSingleton<MemoryGrainStorage>();
        services.TryAddSingleton<SqliteGrainStorage>();
        services.TryAddSingleton<PostgreSqlGrainStorage>();
        services.TryAddSingleton<GrainStorage>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.ProviderKind switch
        {
            StorageProvider.Memory => sp.GetRequiredService<MemoryGrainStorage>(),
            StorageProvider.Sqlite => sp.GetRequiredService<SqliteGrainStorage>(),
            StorageProvider.PostgreSql => sp.GetRequiredService<PostgreSqlGrainStorage>(),
            var unknown => throw new ArgumentOutOfRangeException(nameof(storageSection), unknown, "No such storage provider."),
        });
        services.TryAddSingleton<IGrainStorage>(sp => sp.GetRequiredService<GrainStorage>());
        services.TryAddSingleton<IStorageLifecycle>(sp => sp.GetRequiredService<GrainStorage>());
        services.TryAddKeyedSingleton<IGrainStorage>(DefaultStorageName, (sp, _) => sp.GetRequiredService<GrainStorage>());
        return services;
    }

    /// <summary>
    /// Adds a schema migration that <see cref="IStorageLifecycle.InitializeAsync"/> applies to the
    /// <paramref name="dialect"/> database; later components (contacts, events) register theirs the same way.
    /// </summary>
    public static IServiceCollection AddSchemaMigration(this IServiceCollection services, SqlDialect dialect, SchemaMigration migration)
    {
        services.AddKeyedSingleton(dialect, migration);
        return services;
    }
}
