using Actors.Runtime.Hosting;

namespace Actors.Runtime.Membership;

/// <summary>The membership table providers the runtime ships.</summary>
public enum MembershipProvider
{
    /// <summary>Process memory: a single silo (the embedded default) or an in-process test cluster.</summary>
    InMemory,

    /// <summary>Two tables in a PostgreSQL database shared by the cluster's silos and clients.</summary>
    PostgreSql,

    /// <summary>One hash per cluster in a Redis server shared by the cluster's silos and clients.</summary>
    Redis,
}

/// <summary>Configuration section "Cluster:Membership": where the cluster's membership table lives.</summary>
public sealed class MembershipTableOptions
{
    public const string SectionName = "Cluster:Membership";

    /// <summary>The key the cluster id is read from; it names the cluster's rows in a shared store.</summary>
    public const string ClusterIdKey = "Cluster:ClusterId";

    public const string DefaultProvider = nameof(MembershipProvider.InMemory);

    public const string DefaultClusterId = "actors";

    /// <summary>
    /// InMemory, PostgreSql or Redis (case-insensitive). Default <see cref="DefaultProvider"/>. Bound as text so a
    /// misspelt provider is reported by <see cref="MembershipTableOptionsValidator"/> with the allowed values.
    /// </summary>
    public string Provider { get; set; } = DefaultProvider;

    /// <summary>
    /// An Npgsql connection string for PostgreSql, or <c>host:port[,password=…][,database=N]</c> for Redis; required
    /// for both, unused by InMemory. Default none.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The cluster whose table this is, from <see cref="ClusterIdKey"/> (not from this section). Default
    /// <see cref="DefaultClusterId"/>. Clusters sharing a store are kept apart by it.
    /// </summary>
    public string ClusterId { get; internal set; } = DefaultClusterId;

    /// <summary>The provider named by <see cref="Provider"/>, once the options have been validated.</summary>
    public MembershipProvider ProviderKind => TryParseProvider(Provider, out var kind)
        ? kind
        : throw new InvalidOperationException(MembershipTableOptionsValidator.UnknownProviderMessage(Provider));

    /// <summary>Accepts the provider names only, not the enum's numbers.</summary>
    public static bool TryParseProvider(string? text, out MembershipProvider provider) => ProviderNames.TryParse(text, out provider);
}
