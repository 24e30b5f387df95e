using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace Actors.Deploy.Tests;

/// <summary>What a workload's containers see as configuration: its ConfigMaps, Secrets and plain env values.</summary>
public static class ServiceConfiguration
{
    /// <summary>Environment variable names and values, in the order Kubernetes applies them (envFrom, then env).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Environment(Workload workload, IReadOnlyList<Manifest> manifests)
    {
        var variables = new List<KeyValuePair<string, string>>();
        foreach (var (reference, kind) in new[] { ("configMapRef", "ConfigMap"), ("secretRef", "Secret") })
            foreach (var name in workload.EnvFromNames(reference))
                variables.AddRange(ManifestConsistencyTests.Data(manifests.Single(manifest => manifest.Kind == kind && manifest.Name == name)));
        variables.AddRange(PlainEnv(workload).Select(env => KeyValuePair.Create(env.Text("name"), env.Text("value"))));
        return variables;
    }

    /// <summary>Env entries with a literal value (not the downward API or a secret reference).</summary>
    public static IEnumerable<YamlMappingNode> PlainEnv(Workload workload) =>
        workload.Containers.SelectMany(container => container.Seq("env")).Where(env => env.Scalar("value") is not null);

    /// <summary>The configuration the .NET host builds from those variables.</summary>
    public static IConfigurationRoot Build(Workload workload, IReadOnlyList<Manifest> manifests) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(Environment(workload, manifests).Select(variable =>
                KeyValuePair.Create(ConfigurationKeys.FromEnvironmentVariable(variable.Key), (string?)variable.Value)))
            .Build();
}
