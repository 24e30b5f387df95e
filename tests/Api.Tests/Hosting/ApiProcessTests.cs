using Actors.Silo.Hosting;
using Actors.Testing;

namespace Actors.Api.Tests.Hosting;

/// <summary>`dotnet Actors.Api.dll`: the embedded default the README's `dotnet run --project src/Api` starts.</summary>
public sealed class ApiProcessTests() : HostProcessTests("Actors.Api.dll")
{
    [Fact]
    public async Task A_cluster_client_on_memory_storage_exits_1_saying_it_must_read_the_silos_database()
    {
        await using var host = HostProcess.Start("Actors.Api.dll", new Dictionary<string, string> { ["Cluster__Mode"] = "Client", ["Storage__Provider"] = "Memory" });

        Assert.Equal(1, await host.WaitForExitAsync());
        var line = Assert.Single(host.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"Start-up failed: {ClusterHosting.MemoryStorageInClientMode}", line.TrimEnd('\r'));
        Assert.DoesNotContain("Now listening on", host.StandardOutput);
    }
}
