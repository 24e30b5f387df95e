using Actors.Runtime.Catalog;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Invocation;
using Actors.Runtime.Membership;
using Actors.Runtime.Membership.Memory;
using Actors.Runtime.MembershipService;
using Actors.Runtime.Messaging;
using Actors.Runtime.Persistence;
using Actors.Runtime.Placement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Makes the silo added by AddSiloRuntime a cluster member: the membership protocol, the hash-ring placement,
    /// and the messaging that sends calls for other silos' grains to them. The membership table is whatever
    /// <see cref="IMembershipTable"/> the host registered; without one, the store Cluster:Membership names
    /// (in-process, PostgreSQL or Redis). The host serves the silo port with <see cref="SiloPortHosting.ListenOnSiloPort"/> and
    /// <see cref="SiloMessageEndpoints.MapSiloMessaging"/>.
    /// </summary>
    public static IServiceCollection AddClusterMembership(this IServiceCollection services, IConfiguration configuration)
    {
        AddClusterCommon(services, configuration);
        services.AddOptions<ClusterMembershipOptions>().Bind(configuration.GetSection(ClusterMembershipOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterMembershipOptions>, ClusterMembershipOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var cluster = sp.GetRequiredService<IOptions<ClusterOptions>>().Value;
            var name = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : $"{Environment.MachineName}:{cluster.SiloPort}";
            return new LocalSilo(new SiloAddress(cluster.AdvertisedHost, cluster.SiloPort, SiloAddress.NewGeneration()), name);
        });
        services.TryAddSingleton(sp => new ClusterIdentity(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId, sp.GetRequiredService<LocalSilo>()));
        services.TryAddSingleton<IFatalErrorHandler, ProcessExitFatalErrorHandler>();
        services.TryAddSingleton<MembershipTableManager>();
        services.TryAddSingleton<IClusterMembershipService>(sp => sp.GetRequiredService<MembershipTableManager>());
        services.TryAddSingleton<ClusterHealthMonitor>();
        services.TryAddSingleton<GrainMethodDirectory>();
        services.AddHostedService<MembershipAgent>();
        services.AddHostedService<ActivationRebalancer>();
        return services;
    }

    /// <summary>
    /// Adds a cluster client: an <see cref="IGrainFactory"/> with no local grains whose calls go straight to the
    /// silo that owns each grain, under a membership view read from the table (section "ClusterClient"). The grain
    /// assemblies registered with AddGrains name the grain types; nothing is activated here.
    /// </summary>
    public static IServiceCollection AddClusterClient(this IServiceCollection services, IConfiguration configuration)
    {
        AddClusterCommon(services, configuration);
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, RuntimeOptionsValidator>());
        services.AddOptions<ClusterClientOptions>().Bind(configuration.GetSection(ClusterClientOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterClientOptions>, ClusterOptionsValidator>());
        services.TryAddSingleton(sp => new ClusterIdentity(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId, null));
        services.TryAddSingleton<ClientMembershipService>();
        services.TryAddSingleton<IClusterMembershipService>(sp => sp.GetRequiredService<ClientMembershipService>());
        services.AddHostedService(sp => sp.GetRequiredService<ClientMembershipService>());
        services.TryAddSingleton<GrainTypeRegistry>();
        // A client hosts no activations, so what its callers declare new changes nothing; they need not know that.
        services.TryAddSingleton(sp => new NewGrains(sp.GetRequiredService<GrainTypeRegistry>()));
        services.TryAddSingleton<ClientCallDispatcher>();
        services.TryAddSingleton<IGrainFactory>(sp => new GrainFactory(sp.GetRequiredService<GrainTypeRegistry>(), sp.GetRequiredService<ClientCallDispatcher>()));
        return services;
    }

    private static void AddClusterCommon(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // The store Cluster:Membership names (the in-process table by default), unless the host registered its own.
        services.AddMembershipTable(configuration);
        services.TryAddSingleton<MembershipLog>();
        services.TryAddSingleton<MessagingLog>();
        services.TryAddSingleton<SiloCrash>();
        services.TryAddSingleton<SiloConnections>();
        services.TryAddSingleton<ISiloProber>(sp => sp.GetRequiredService<SiloConnections>());
        services.TryAddSingleton<IMembershipGossip>(sp => sp.GetRequiredService<SiloConnections>());
        services.TryAddSingleton<GrainPlacement>();
        services.TryAddSingleton<ClusterCallRouter>();
        services.TryAddSingleton<IGrainRouter>(sp => sp.GetRequiredService<ClusterCallRouter>());
        // The dashboard shows every silo of the view, whichever process serves it (a silo's own report source is one silo).
        services.AddDashboardOptions(configuration);
        services.Replace(ServiceDescriptor.Singleton<ISiloReportSource, ClusterSiloReports>());
    }
}
