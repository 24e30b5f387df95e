using Actors.Grains.Hosting;
using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Actors.Silo.Health;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Hosting;

/// <summary>
/// How the contact service's processes join a cluster. A silo process is a cluster member when
/// Cluster:Membership:Provider names a membership store; the Api is a cluster client when Cluster:Mode is Client.
/// The membership table is the <see cref="Runtime.Membership.IMembershipTable"/> the host registers before these
/// calls (the in-process table when none is).
/// </summary>
public static class ClusterHosting
{
    public const string ModeKey = "Cluster:Mode";
    public const string EmbeddedMode = "Embedded";
    public const string ClientMode = "Client";
    private const string ProviderKey = "Cluster:Membership:Provider";

    public const string MemoryStorageInClientMode = "Storage:Provider Memory cannot serve the Api as a cluster client: it reads the silos' "
        + "database, so Storage must name it (Sqlite or PostgreSql).";

    public const string InMemoryMembershipInClientMode = "Cluster:Membership:Provider InMemory cannot serve the Api as a cluster client "
        + "(Cluster:Mode Client): an in-memory membership table holds only this process's silos and a client hosts none, so no silo "
        + "would ever serve it; set Cluster:Membership:Provider and Cluster:Membership:ConnectionString to the silos' store (PostgreSql or Redis).";

    public static bool IsClusterMemberConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[ProviderKey]);

    /// <summary>Whether the Api runs as a cluster client; a Cluster:Mode other than Embedded or Client stops the start.</summary>
    public static bool IsClientMode(IConfiguration configuration)
    {
        var mode = configuration[ModeKey];
        if (string.IsNullOrWhiteSpace(mode) || string.Equals(mode, EmbeddedMode, StringComparison.OrdinalIgnoreCase))
            return false;
        if (string.Equals(mode, ClientMode, StringComparison.OrdinalIgnoreCase))
            return true;
        throw new SiloStartupException($"{ModeKey} must be {EmbeddedMode} or {ClientMode} (was '{mode}').");
    }

    /// <summary>Makes the silo a cluster member: membership, placement, messaging on Cluster:SiloPort, and readiness on membership.</summary>
    public static WebApplicationBuilder AddClusterMember(this WebApplicationBuilder builder)
    {
        builder.ListenOnSiloPort();
        builder.Services.AddClusterMembership(builder.Configuration);
        AddMembershipReadiness(builder.Services);
        return builder;
    }

    /// <summary>
    /// The Api as a cluster client: grain calls go to the owner silos, and the tables the API reads directly (the
    /// read models the silos write, the uploaded import files) are read in the database the Storage section names,
    /// with the same registrations a silo has (<see cref="GrainsServiceCollectionExtensions.AddContactData"/>). Ready
    /// once membership has a view and storage answers.
    /// </summary>
    public static WebApplicationBuilder AddContactClusterClient(this WebApplicationBuilder builder)
    {
        // Added first, so that AddClusterClient's TryAdd keeps it; only a table the host registers itself (tests share
        // one in-process table between their silos and the client) replaces it. Refused when the start resolves it,
        // after the membership options' own validation has named a misspelt provider.
        builder.Services.TryAddSingleton<IMembershipTable>(services =>
            services.GetRequiredService<IOptions<MembershipTableOptions>>().Value.ProviderKind == MembershipProvider.InMemory
                ? throw new SiloStartupException(InMemoryMembershipInClientMode)
                : MembershipTableServiceCollectionExtensions.CreateConfiguredTable(services));
        builder.Services.AddClusterClient(builder.Configuration);
        builder.Services.AddContactData(builder.Configuration);
        // The client reads the silos' tables itself: a store in its own memory would hold nothing the silos wrote, and
        // an import uploaded into it could never be read by the silo that runs it.
        builder.Services.AddOptions<StorageOptions>()
            .Validate(options => !StorageOptions.TryParseProvider(options.Provider, out var kind) || kind != StorageProvider.Memory, MemoryStorageInClientMode)
            .ValidateOnStart();
        AddMembershipReadiness(builder.Services);
        builder.Services.AddStorageReadiness();
        return builder;
    }

    /// <summary>Maps the silo port's message endpoints when this process is a cluster member.</summary>
    public static WebApplication MapClusterMessagingIfMember(this WebApplication app)
    {
        if (IsClusterMemberConfigured(app.Configuration))
            app.MapSiloMessaging();
        return app;
    }

    private static void AddMembershipReadiness(IServiceCollection services)
        => services.AddHealthChecks().AddCheck<MembershipHealthCheck>("membership", HealthStatus.Unhealthy, [HealthEndpoints.ReadyTag]);
}
