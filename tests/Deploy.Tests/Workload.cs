using YamlDotNet.RepresentationModel;

namespace Actors.Deploy.Tests;

/// <summary>A StatefulSet or Deployment: its pod labels and containers.</summary>
public sealed record Workload(Manifest Manifest)
{
    public static readonly string[] Kinds = ["StatefulSet", "Deployment"];

    public static IReadOnlyList<Workload> All(IEnumerable<Manifest> manifests) =>
        [.. manifests.Where(manifest => Kinds.Contains(manifest.Kind)).Select(manifest => new Workload(manifest))];

    private YamlMappingNode Template => Manifest.Root.Map("spec")!.Map("template")!;

    public string Name => Manifest.Name;

    public IReadOnlyDictionary<string, string> PodLabels => Template.Map("metadata")!.Map("labels").Strings();

    public YamlMappingNode PodSpec => Template.Map("spec")!;

    public IEnumerable<YamlMappingNode> Containers => PodSpec.Seq("containers");

    public IEnumerable<(string? Name, int Port)> ContainerPorts =>
        Containers.SelectMany(container => container.Seq("ports")).Select(port => (port.Scalar("name"), int.Parse(port.Text("containerPort"))));

    /// <summary>Whether a Service's or budget's selector picks this workload's pods.</summary>
    public bool IsSelectedBy(IReadOnlyDictionary<string, string> selector) =>
        selector.Count > 0 && selector.All(label => PodLabels.TryGetValue(label.Key, out var value) && value == label.Value);

    /// <summary>Whether <paramref name="port"/> (a port name or number, as in targetPort and probes) is a container port.</summary>
    public bool HasPort(string port) =>
        ContainerPorts.Any(candidate => candidate.Name == port || candidate.Port.ToString() == port);

    public IEnumerable<string> EnvFromNames(string kind) => Containers
        .SelectMany(container => container.Seq("envFrom"))
        .Select(source => source.Map(kind)?.Scalar("name"))
        .OfType<string>();
}
