using System.Net;
using Actors.Silo.Health;
using Actors.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using YamlDotNet.RepresentationModel;

namespace Actors.Deploy.Tests;

/// <summary>Every probe asks a path the processes serve, on the port they listen on.</summary>
public sealed class ProbeTests
{
    private static readonly IReadOnlyList<Manifest> Manifests = Manifest.LoadAll();
    private static readonly IReadOnlyList<Workload> Services =
        [.. Workload.All(Manifests).Where(workload => workload.Name is "actors-silo" or "actors-api")];

    private static IEnumerable<(Workload Workload, string Probe, YamlMappingNode HttpGet)> HttpProbes() =>
        from workload in Services
        from container in workload.Containers
        from probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" }
        let httpGet = container.Map(probe)?.Map("httpGet")
        where httpGet is not null
        select (workload, probe, httpGet);

    [Fact]
    public void Both_services_have_liveness_and_readiness_probes_on_the_health_endpoints_of_their_http_port()
    {
        foreach (var workload in Services)
        {
            var listens = ServiceConfiguration.Build(workload, Manifests)["URLS"]!;
            foreach (var probe in new[] { "livenessProbe", "readinessProbe" })
            {
                var httpGet = workload.Containers.Single().Map(probe)?.Map("httpGet");
                Assert.True(httpGet is not null, $"{workload.Name} has no HTTP {probe}.");
                Assert.Equal(probe == "readinessProbe" ? HealthEndpoints.ReadinessPath : HealthEndpoints.LivenessPath, httpGet.Text("path"));
                var port = workload.ContainerPorts.Single(port => port.Name == httpGet.Text("port")).Port;
                Assert.EndsWith($":{port}", listens);
            }
        }
        Assert.All(HttpProbes().Where(probe => probe.Probe == "startupProbe"), probe => Assert.Equal(HealthEndpoints.LivenessPath, probe.HttpGet.Text("path")));
    }

    [Fact]
    public async Task Every_probe_path_is_answered_with_200_by_the_silo_composition()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Storage:Provider"] = "Memory";
        builder.Services.AddContactSilo(builder.Configuration);
        await using var app = builder.Build();
        app.MapHealthEndpoints();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        foreach (var path in HttpProbes().Select(probe => probe.HttpGet.Text("path")).Distinct())
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        await app.StopAsync();
    }
}
