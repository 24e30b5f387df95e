using Actors.Runtime.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.TestingHost;

/// <summary>How a <see cref="TestCluster"/> is built (Orleans's InProcessTestClusterBuilder, as options).</summary>
public sealed class TestClusterOptions
{
    /// <summary>Silos started by <see cref="TestCluster.StartAsync"/>. Default 3.</summary>
    public int InitialSilosCount { get; set; } = 3;

    /// <summary>A fresh cluster id per cluster, as Orleans's test clusters use.</summary>
    public string ClusterId { get; set; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The table every silo and the client share; default a new in-memory table.</summary>
    public IMembershipTable? MembershipTable { get; set; }

    /// <summary>
    /// Configuration of every silo and of the client, over the test defaults (short membership times, in-memory
    /// storage shared by the silos). Keys are the product's: "ClusterMembership:ProbeTimeout", "Storage:Provider".
    /// </summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Adds grains, storage and services to each silo (called after the runtime is registered).</summary>
    public Action<TestSiloConfiguration>? ConfigureSilo { get; set; }

    /// <summary>Adds services to the cluster client.</summary>
    public Action<IServiceCollection, IConfiguration>? ConfigureClient { get; set; }

    /// <summary>The membership settings tests run with: failures are found in about two seconds instead of 15.</summary>
    public static IReadOnlyDictionary<string, string?> FastMembership { get; } = new Dictionary<string, string?>
    {
        ["ClusterMembership:ProbeTimeout"] = "00:00:00.500",
        ["ClusterMembership:NumMissedProbesLimit"] = "3",
        ["ClusterMembership:IAmAliveTablePublishTimeout"] = "00:00:01",
        ["ClusterMembership:TableRefreshTimeout"] = "00:00:01",
        ["ClusterMembership:MaxJoinAttemptTime"] = "00:00:10",
        ["ClusterClient:MembershipRefreshPeriod"] = "00:00:01",
    };
}

/// <summary>What a silo configuration delegate can touch.</summary>
public sealed record TestSiloConfiguration(IServiceCollection Services, IConfiguration Configuration, int Index);
