using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Actors.Testing;

namespace Actors.Silo.Tests.Hosting;

/// <summary>`dotnet Actors.Silo.dll` with a membership provider: a cluster member serving the silo port beside its HTTP port.</summary>
public sealed class ClusterMemberProcessTests
{
    [Fact]
    public async Task A_silo_with_a_membership_provider_becomes_ready_and_serves_cluster_messages_only_on_the_silo_port()
    {
        var siloPort = FreePort();
        await using var silo = HostProcess.Start("Actors.Silo.dll", new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Memory",
            ["Cluster__Membership__Provider"] = "InMemory",
            ["Cluster__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        await silo.WaitForStatusAsync("/readyz", HttpStatusCode.OK);

        using var http2 = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var ping = new { ClusterId = "actors", Sender = "client:test", Target = "127.0.0.1:1@1" };
        using var onSiloPort = await http2.PostAsJsonAsync($"http://127.0.0.1:{siloPort}/cluster/v1/ping", ping);
        using var onHttpPort = await silo.Client.PostAsJsonAsync("/cluster/v1/ping", ping);
        Assert.Equal(HttpStatusCode.Gone, onSiloPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onHttpPort.StatusCode);
        Assert.Contains("is Active in cluster membership", silo.StandardOutput);
    }

    [Theory]
    [InlineData("Cluster__SiloPort", "70000", "Cluster:SiloPort")]
    [InlineData("ClusterMembership__NumMissedProbesLimit", "0", "ClusterMembership:NumMissedProbesLimit")]
    [InlineData("Cluster__Membership__Provider", "Zookeeper", "Cluster:Membership:Provider")]
    public async Task A_bad_cluster_setting_stops_the_silo_with_a_message_naming_it(string variable, string value, string setting)
    {
        await using var silo = HostProcess.Start("Actors.Silo.dll", new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Memory",
            ["Cluster__Membership__Provider"] = "InMemory",
            ["Cluster__SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            [variable] = value,
        });

        Assert.Equal(1, await silo.WaitForExitAsync());
        Assert.Contains(setting, silo.StandardError);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
