using System.Net;
using Actors.Api.Contacts.Import;
using Actors.Api.Tracking;
using Actors.Grains.Imports;
using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Actors.Runtime.Redis;
using Actors.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Actors.Deploy.Tests;

/// <summary>The configuration the manifests give the silos and the API is the service's own, valid, and consistent.</summary>
public sealed class ConfigurationTests
{
    private static readonly IReadOnlyList<Manifest> Manifests = Manifest.LoadAll();
    private static readonly Workload Silo = Workload.All(Manifests).Single(workload => workload.Name == "actors-silo");
    private static readonly Workload Api = Workload.All(Manifests).Single(workload => workload.Name == "actors-api");

    public static TheoryData<string> ServiceWorkloads => [Silo.Name, Api.Name];

    private static Workload Named(string name) => name == Silo.Name ? Silo : Api;

    [Theory]
    [MemberData(nameof(ServiceWorkloads))]
    public void Every_variable_set_for_the_service_is_one_of_its_settings(string workload)
    {
        var unknown = ServiceConfiguration.Environment(Named(workload), Manifests)
            .Select(variable => variable.Key)
            .Where(name => !ConfigurationKeys.IsKnown(ConfigurationKeys.FromEnvironmentVariable(name)));

        Assert.Empty(unknown);
    }

    [Fact]
    public void The_known_keys_are_read_from_the_code()
    {
        Assert.Contains("Storage:ConnectionString", ConfigurationKeys.Known);
        Assert.Contains("Cluster:Membership:Provider", ConfigurationKeys.Known);
        Assert.Contains("Cluster:ClusterId", ConfigurationKeys.Known);
        Assert.Contains("GrainCollection:DeactivationTimeout", ConfigurationKeys.Known);
        Assert.True(ConfigurationKeys.IsKnown("Tracking:TrustedProxies:0"));
        Assert.False(ConfigurationKeys.IsKnown("Storage:ConnectionStrings"));
        Assert.False(ConfigurationKeys.IsKnown("Cluster:Membership:Provder"));
    }

    [Theory]
    [MemberData(nameof(ServiceWorkloads))]
    public async Task The_storage_and_membership_settings_pass_the_services_validation(string workload)
    {
        var configuration = ServiceConfiguration.Build(Named(workload), Manifests);
        await using var services = new ServiceCollection()
            .AddGrainStorage(configuration.GetSection(StorageOptions.SectionName))
            .AddMembershipTable(configuration)
            .BuildServiceProvider();

        Assert.Equal(StorageProvider.PostgreSql, services.GetRequiredService<IOptions<StorageOptions>>().Value.ProviderKind);
        Assert.Equal(MembershipProvider.Redis, services.GetRequiredService<IOptions<MembershipTableOptions>>().Value.ProviderKind);
    }

    [Fact]
    public void The_connection_strings_name_the_in_cluster_servers_with_their_passwords()
    {
        var configuration = ServiceConfiguration.Build(Silo, Manifests);
        var postgres = new NpgsqlConnectionStringBuilder(configuration["Storage:ConnectionString"]);
        var redis = RedisClientOptions.Parse(configuration["Cluster:Membership:ConnectionString"]!);

        Assert.Equal((postgres.Host, postgres.Port), ("postgres", ServicePort("postgres")));
        var postgresCredentials = Secret("postgres-credentials");
        Assert.Equal((postgresCredentials["POSTGRES_USER"], postgresCredentials["POSTGRES_PASSWORD"], postgresCredentials["POSTGRES_DB"]),
            (postgres.Username, postgres.Password, postgres.Database));
        Assert.Equal((redis.Host, redis.Port), ("redis", ServicePort("redis")));
        Assert.Equal(Secret("redis-credentials")["password"], redis.Password);
    }

    [Fact]
    public void The_silo_advertises_its_pod_address_and_exposes_its_silo_port_on_the_headless_service()
    {
        var env = Silo.Containers.Single().Seq("env").ToList();
        var podIp = env.FindIndex(variable => variable.Text("name") == "POD_IP");
        Assert.Equal("status.podIP", env[podIp].Map("valueFrom")!.Map("fieldRef")!.Text("fieldPath"));
        // $(POD_IP) expands only to a variable defined earlier in the list.
        Assert.True(env.FindIndex(variable => variable.Text("name") == "Cluster__AdvertisedHost" && variable.Scalar("value") == "$(POD_IP)") > podIp);
        Assert.Contains(env, variable => variable.Text("name") == "POD_NAME" && variable.Map("valueFrom")!.Map("fieldRef")!.Text("fieldPath") == "metadata.name");

        var siloPort = int.Parse(ServiceConfiguration.Build(Silo, Manifests)["Cluster:SiloPort"]!);
        Assert.Equal(11111, siloPort);
        Assert.Contains(("silo", siloPort), Silo.ContainerPorts);
        Assert.Equal(siloPort, ServicePort("actors-silo", "silo"));
    }

    [Fact]
    public void The_api_runs_as_a_cluster_client()
    {
        Assert.Equal("Client", ServiceConfiguration.Build(Api, Manifests)["Cluster:Mode"]);
        Assert.Null(ServiceConfiguration.Build(Silo, Manifests)["Cluster:Mode"]);
    }

    [Fact]
    public void The_ingress_lets_through_an_import_upload_as_large_as_the_api_accepts()
    {
        var annotations = Manifests.Single(manifest => manifest.Kind == "Ingress").Root.Map("metadata")!.Map("annotations").Strings();
        var maxFileBytes = ServiceConfiguration.Build(Api, Manifests)
            .GetValue($"{ImportOptions.SectionName}:{nameof(ImportOptions.MaxFileBytes)}", ImportOptions.DefaultMaxFileBytes);

        var bodyLimit = NginxSize(annotations["nginx.ingress.kubernetes.io/proxy-body-size"]);

        Assert.True(bodyLimit >= ImportUpload.MaxBodyBytes(maxFileBytes),
            $"The ingress refuses bodies over {bodyLimit} bytes; an import of Import:MaxFileBytes ({maxFileBytes}) needs {ImportUpload.MaxBodyBytes(maxFileBytes)}.");
    }

    [Fact]
    public async Task The_silos_grace_period_outlasts_the_hosts_shutdown_which_outlasts_deactivation()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddConfiguration(ServiceConfiguration.Build(Silo, Manifests));
        builder.Services.AddContactSilo(builder.Configuration);
        await using var app = builder.Build();

        var deactivation = app.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value.DeactivationTimeout;
        var shutdown = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        var gracePeriod = TimeSpan.FromSeconds(int.Parse(Silo.PodSpec.Text("terminationGracePeriodSeconds")));

        Assert.Equal(GrainCollectionOptions.DefaultDeactivationTimeout, deactivation);
        Assert.True(shutdown > deactivation, $"The host stops waiting after {shutdown}, before deactivation's {deactivation} is up.");
        Assert.True(gracePeriod > shutdown, $"Kubernetes kills the pod after {gracePeriod}, before the host's {shutdown} is up.");
    }

    [Fact]
    public void The_api_believes_the_visitor_address_that_the_ingress_controller_forwards()
    {
        var tracking = ServiceConfiguration.Build(Api, Manifests).GetSection(TrackingOptions.SectionName).Get<TrackingOptions>() ?? new TrackingOptions();
        // An ingress-nginx pod on the pod network, forwarding a visitor's request.
        var controller = IPAddress.Parse("10.244.3.17");

        var visitor = new ClientAddressPolicy(tracking).Resolve(controller, "203.0.113.9");

        Assert.NotEmpty(tracking.TrustedProxies);
        Assert.All(tracking.TrustedProxies, entry => Assert.True(ClientAddressPolicy.IsValidNetwork(entry), $"Tracking:TrustedProxies entry '{entry}' is not a network."));
        Assert.Equal(IPAddress.Parse("203.0.113.9"), visitor);
    }

    /// <summary>An nginx size: bytes, or a number of k, m or g.</summary>
    private static long NginxSize(string size) => char.ToLowerInvariant(size[^1]) switch
    {
        'k' => long.Parse(size[..^1]) << 10,
        'm' => long.Parse(size[..^1]) << 20,
        'g' => long.Parse(size[..^1]) << 30,
        _ => long.Parse(size),
    };

    private static int ServicePort(string service, string? portName = null) =>
        int.Parse(Manifests.Single(manifest => manifest.Kind == "Service" && manifest.Name == service).Root.Map("spec")!.Seq("ports")
            .Single(port => portName is null || port.Scalar("name") == portName).Text("port"));

    private static IReadOnlyDictionary<string, string> Secret(string name) =>
        ManifestConsistencyTests.Data(Manifests.Single(manifest => manifest.Kind == "Secret" && manifest.Name == name));
}
