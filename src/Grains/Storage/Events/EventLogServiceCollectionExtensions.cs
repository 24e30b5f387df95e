using Actors.Grains.Storage.Events.Memory;
using Actors.Grains.Storage.Events.Sql;
using Actors.Grains.Storage.Sql;
using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Storage.Events;

public static class EventLogServiceCollectionExtensions
{
    /// <summary>
    /// Adds the event log in the database the "Storage" section chooses (Memory, Sqlite or PostgreSql), its
    /// contact_events migrations, and <see cref="EventLogWriter"/> with <see cref="EventLogOptions"/> bound from
    /// the "EventLog" section of <paramref name="configuration"/> (the application's root configuration).
    /// </summary>
    public static IServiceCollection AddEventLog(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(EventLogWriter)))
            return services;
        services.AddSqlStores(configuration);
        services.AddOptions<EventLogOptions>().Bind(configuration.GetSection(EventLogOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventLogOptions>, EventLogOptionsValidator>());
        services.AddSchemaMigration(SqlDialect.Sqlite, SqliteEventLog.Schema);
        services.AddSchemaMigration(SqlDialect.PostgreSql, PostgreSqlEventLog.Schema);
        services.AddSchemaMigration(SqlDialect.Sqlite, SqlEventLog.AllContactsIndex);
        services.AddSchemaMigration(SqlDialect.PostgreSql, SqlEventLog.AllContactsIndex);

        services.AddSingleton<IEventLog>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.ProviderKind switch
        {
            StorageProvider.Memory => new MemoryEventLog(),
            StorageProvider.Sqlite => new SqliteEventLog(sp.GetRequiredService<SqliteStore>()),
            StorageProvider.PostgreSql => new PostgreSqlEventLog(sp.GetRequiredService<PostgreSqlStore>()),
            var unknown => throw new ArgumentOutOfRangeException(nameof(configuration), unknown, "No such storage provider."),
        });
        services.AddSingleton<EventLogWriter>();

        // Hosts stop their services in reverse order of registration. Registered first, the writer stops last:
        // after the silo has deactivated its grains, whose last events it then still commits.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<EventLogWriter>()));
        return services;
    }
}
