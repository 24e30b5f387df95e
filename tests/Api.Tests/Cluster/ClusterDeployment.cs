using Actors.Api.Fields;
using Actors.Api.Tests.Infrastructure;
using Actors.Grains.Hosting;
using Actors.Interfaces.Fields;
using Actors.Runtime.Membership;
using Actors.Runtime.TestingHost;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Cluster;

/// <summary>
/// The product as a cluster: a test cluster of contact silos on the store, and the Api as its client (Cluster:Mode=Client),
/// with the email field publicly updatable so that tracking calls identify visitors.
/// </summary>
internal sealed class ClusterDeployment : IAsyncDisposable
{
    private ClusterDeployment(TestCluster cluster, ApiFactory api) => (Cluster, Api) = (cluster, api);

    public TestCluster Cluster { get; }
    public ApiFactory Api { get; }

    public static async Task<ClusterDeployment> StartAsync(TestStore store, int silos = 3)
    {
        var cluster = await TestCluster.StartAsync(SiloOptions(store, silos));
        var api = new ApiFactory(store, new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "Client",
            ["Cluster:ClusterId"] = cluster.ClusterId,
            ["ClusterClient:MembershipRefreshPeriod"] = "00:00:01",
        }, services => services.AddSingleton(cluster.MembershipTable));
        var catalog = api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields);
        await catalog.Upsert((await catalog.Get()).Single(f => f.Alias == "email") with { IsPubliclyUpdatable = true });
        api.Services.GetRequiredService<FieldCatalogCache>().Invalidate();
        return new ClusterDeployment(cluster, api);
    }

    /// <summary>Contact silos on <paramref name="store"/>, sharing <paramref name="membership"/> when given.</summary>
    public static TestClusterOptions SiloOptions(TestStore store, int silos, IMembershipTable? membership = null)
    {
        var options = new TestClusterOptions
        {
            InitialSilosCount = silos,
            MembershipTable = membership,
            ConfigureSilo = silo => silo.Services.AddContactGrains(silo.Configuration),
        };
        foreach (var (key, value) in store.Settings)
            options.Settings[key] = value;
        // The silos, the Api and a store share two busy cores here: probes get a second before they count as missed.
        options.Settings["ClusterMembership:ProbeTimeout"] = "00:00:01";
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Api.DisposeAsync();
    }
}
