using Actors.Runtime.Hosting;
using Actors.Runtime.TestingHost;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>Starts a test cluster of this assembly's test grains.</summary>
internal static class TestClusters
{
    public static Task<TestCluster> StartAsync(int silos = 3, Action<TestClusterOptions>? configure = null)
    {
        var options = new TestClusterOptions
        {
            InitialSilosCount = silos,
            ConfigureSilo = silo => silo.Services.AddGrains(typeof(TestClusters).Assembly),
        };
        configure?.Invoke(options);
        return TestCluster.StartAsync(options);
    }
}
