using Actors.Runtime.Membership.Memory;
using Actors.Runtime.Membership.PostgreSql;
using Actors.Runtime.Membership.Redis;
using Actors.Runtime.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Actors.Runtime.Membership;

public static class MembershipTableServiceCollectionExtensions
{
    /// <summary>The key of the membership store's own connection (keyed services), apart from grain storage's.</summary>
    public const string ServiceKey = "Membership";

    /// <summary>
    /// Registers the <see cref="IMembershipTable"/> chosen by <c>Cluster:Membership:Provider</c>, with
    /// <see cref="MembershipTableOptions"/> bound from <c>Cluster:Membership</c> and <c>Cluster:ClusterId</c> of
    /// <paramref name="configuration"/> (the root) and validated at start-up. The store's connection (an
    /// <see cref="NpgsqlDataSource"/> or a <see cref="RedisConnection"/>, keyed <see cref="ServiceKey"/>) is its own,
    /// even when it names the same database as grain storage, and is disposed with the container.
    /// The table is created when first resolved; <see cref="IMembershipTable.InitializeAsync"/> is the caller's.
    /// </summary>
    public static IServiceCollection AddMembershipTable(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MembershipTableOptions>()
            .Bind(configuration.GetSection(MembershipTableOptions.SectionName))
            .Configure(options => options.ClusterId = configuration[MembershipTableOptions.ClusterIdKey] ?? MembershipTableOptions.DefaultClusterId)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MembershipTableOptions>, MembershipTableOptionsValidator>());

        services.TryAddKeyedSingleton(ServiceKey, (sp, _) => NpgsqlDataSource.Create(Options(sp).ConnectionString!));
        services.TryAddKeyedSingleton(ServiceKey, (sp, _) => new RedisConnection(
            RedisClientOptions.Parse(Options(sp).ConnectionString!), sp.GetService<ILoggerFactory>()?.CreateLogger<RedisConnection>()));
        services.TryAddSingleton<IMembershipTable>(CreateConfiguredTable);
        return services;
    }

    /// <summary>The table <c>Cluster:Membership:Provider</c> names, for a host that registers its own <see cref="IMembershipTable"/> around it.</summary>
    public static IMembershipTable CreateConfiguredTable(IServiceProvider services) => Options(services).ProviderKind switch
    {
        MembershipProvider.InMemory => new InMemoryMembershipTable(),
        MembershipProvider.PostgreSql => new PostgreSqlMembershipTable(services.GetRequiredKeyedService<NpgsqlDataSource>(ServiceKey), Options(services).ClusterId),
        MembershipProvider.Redis => new RedisMembershipTable(services.GetRequiredKeyedService<RedisConnection>(ServiceKey), Options(services).ClusterId),
        var unknown => throw new ArgumentOutOfRangeException(nameof(services), unknown, "No such membership provider."),
    };

    private static MembershipTableOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<MembershipTableOptions>>().Value;
}
