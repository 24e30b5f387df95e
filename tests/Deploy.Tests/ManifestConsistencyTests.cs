using YamlDotNet.RepresentationModel;

namespace Actors.Deploy.Tests;

/// <summary>The objects of deploy/k8s fit together: selectors, ports, references and the kustomization.</summary>
public sealed class ManifestConsistencyTests
{
    private static readonly IReadOnlyList<Manifest> Manifests = Manifest.LoadAll();
    private static readonly IReadOnlyList<Workload> Workloads = Workload.All(Manifests);

    private static IEnumerable<Manifest> OfKind(string kind) => Manifests.Where(manifest => manifest.Kind == kind);

    [Fact]
    public void The_deployment_has_every_part_a_cluster_needs()
    {
        Assert.Equal(
            ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "Kustomization", "PodDisruptionBudget", "Secret", "Service", "StatefulSet"],
            Manifests.Select(manifest => manifest.Kind).Distinct().Order());
        Assert.Equal(["actors-silo", "postgres", "redis"], OfKind("StatefulSet").Select(manifest => manifest.Name).Order());
        Assert.Equal(["actors-api"], OfKind("Deployment").Select(manifest => manifest.Name));
    }

    [Fact]
    public void The_kustomization_lists_every_manifest_file()
    {
        var kustomization = Assert.Single(OfKind("Kustomization"));
        var listed = ((YamlSequenceNode)kustomization.Root.Children[new YamlScalarNode("resources")]).Children
            .Select(node => ((YamlScalarNode)node).Value);

        Assert.Equal(Manifests.Select(manifest => manifest.File).Where(file => file != kustomization.File).Distinct().Order(), listed.Order());
    }

    [Fact]
    public void Every_service_selects_the_pods_of_exactly_one_workload_and_targets_its_container_ports()
    {
        foreach (var service in OfKind("Service"))
        {
            var spec = service.Root.Map("spec")!;
            var workload = Assert.Single(Workloads, workload => workload.IsSelectedBy(spec.Map("selector").Strings()));
            foreach (var port in spec.Seq("ports"))
                Assert.True(workload.HasPort(port.Scalar("targetPort") ?? port.Text("port")),
                    $"{service} targets port {port.Scalar("targetPort")}, which {workload.Name}'s containers do not expose.");
        }
    }

    [Fact]
    public void Every_stateful_set_is_governed_by_a_headless_service_that_selects_it()
    {
        foreach (var workload in Workloads.Where(workload => workload.Manifest.Kind == "StatefulSet"))
        {
            var service = Assert.Single(OfKind("Service"), service => service.Name == workload.Manifest.Root.Map("spec")!.Text("serviceName"));
            Assert.Equal("None", service.Root.Map("spec")!.Scalar("clusterIP"));
            Assert.True(workload.IsSelectedBy(service.Root.Map("spec")!.Map("selector").Strings()), $"{service} does not select {workload.Name}.");
        }
    }

    [Fact]
    public void The_workloads_selectors_match_their_own_pod_labels()
    {
        foreach (var workload in Workloads)
            Assert.True(workload.IsSelectedBy(workload.Manifest.Root.Map("spec")!.Map("selector")!.Map("matchLabels").Strings()), $"{workload.Name}'s selector misses its pods.");
    }

    [Fact]
    public void The_disruption_budget_and_the_autoscaler_target_the_silos()
    {
        var silos = Assert.Single(Workloads, workload => workload.Name == "actors-silo");
        var budget = Assert.Single(OfKind("PodDisruptionBudget"));
        Assert.Equal(silos, Assert.Single(Workloads, workload => workload.IsSelectedBy(budget.Root.Map("spec")!.Map("selector")!.Map("matchLabels").Strings())));

        var target = Assert.Single(OfKind("HorizontalPodAutoscaler")).Root.Map("spec")!.Map("scaleTargetRef")!;
        Assert.Equal(("apps/v1", silos.Manifest.Kind, silos.Name), (target.Text("apiVersion"), target.Text("kind"), target.Text("name")));
    }

    [Fact]
    public void Every_config_map_and_secret_a_workload_names_exists()
    {
        foreach (var workload in Workloads)
        {
            foreach (var (reference, kind) in new[] { ("configMapRef", "ConfigMap"), ("secretRef", "Secret") })
                foreach (var name in workload.EnvFromNames(reference))
                    Assert.Contains(OfKind(kind), manifest => manifest.Name == name);
            var secretKeys = workload.Containers.SelectMany(container => container.Seq("env"))
                .Select(env => env.Map("valueFrom")?.Map("secretKeyRef")).OfType<YamlMappingNode>();
            foreach (var secretKey in secretKeys)
                Assert.Contains(secretKey.Text("key"), Data(Assert.Single(OfKind("Secret"), secret => secret.Name == secretKey.Text("name"))).Keys);
        }
    }

    [Fact]
    public void The_ingress_routes_to_a_port_of_the_api_service()
    {
        var backend = Assert.Single(OfKind("Ingress")).Root.Map("spec")!.Seq("rules").Single().Map("http")!.Seq("paths").Single().Map("backend")!.Map("service")!;
        var service = Assert.Single(OfKind("Service"), service => service.Name == backend.Text("name"));

        Assert.Contains(service.Root.Map("spec")!.Seq("ports"), port => port.Scalar("name") == backend.Map("port")!.Scalar("name"));
        Assert.Equal("actors-api", Assert.Single(Workloads, workload => workload.IsSelectedBy(service.Root.Map("spec")!.Map("selector").Strings())).Name);
    }

    /// <summary>A ConfigMap's data or a Secret's stringData.</summary>
    internal static IReadOnlyDictionary<string, string> Data(Manifest manifest) =>
        (manifest.Root.Map("data") ?? manifest.Root.Map("stringData")).Strings();
}
