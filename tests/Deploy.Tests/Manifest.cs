using YamlDotNet.RepresentationModel;

namespace Actors.Deploy.Tests;

/// <summary>One Kubernetes object of deploy/k8s, with small accessors for the paths the tests read.</summary>
public sealed record Manifest(string File, string Kind, string Name, YamlMappingNode Root)
{
    public static readonly string Directory = Path.Combine(RepositoryRoot(), "deploy", "k8s");

    /// <summary>Every object of every YAML file in <see cref="Directory"/> (several per file, split by ---).</summary>
    public static IReadOnlyList<Manifest> LoadAll() =>
    [
        .. System.IO.Directory.GetFiles(Directory, "*.yaml").Order().SelectMany(file =>
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
                stream.Load(reader);
            return stream.Documents
                .Select(document => (YamlMappingNode)document.RootNode)
                .Select(root => new Manifest(Path.GetFileName(file), root.Text("kind"), root.Map("metadata")?.Text("name") ?? "", root));
        }),
    ];

    public override string ToString() => $"{Kind}/{Name} ({File})";

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "Actors.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Actors.sln above {AppContext.BaseDirectory}.");
    }
}

public static class YamlNodeExtensions
{
    public static YamlMappingNode? Map(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    public static IEnumerable<YamlMappingNode> Seq(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode sequence
            ? sequence.Children.OfType<YamlMappingNode>()
            : [];

    public static string? Scalar(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;

    public static string Text(this YamlMappingNode node, string key) =>
        node.Scalar(key) ?? throw new InvalidOperationException($"No '{key}' in {node.Start}.");

    /// <summary>A mapping of scalars (labels, selectors, ConfigMap data) as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> Strings(this YamlMappingNode? node) =>
        node is null
            ? new Dictionary<string, string>()
            : node.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => (pair.Value as YamlScalarNode)?.Value ?? "");
}
