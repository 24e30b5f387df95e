namespace Actors.Runtime.Hosting;

/// <summary>Where this process sits in a cluster (configuration section "Cluster").</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    public const string DefaultClusterId = "actors";
    public const int DefaultSiloPort = 11111;
    public const string DefaultAdvertisedHost = "127.0.0.1";

    /// <summary>The cluster's name; messages and table rows of another cluster are refused. Default "actors".</summary>
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>The HTTP/2 cleartext port for silo-to-silo and client-to-silo messages. Default 11111.</summary>
    public int SiloPort { get; set; } = DefaultSiloPort;

    /// <summary>The address other silos reach this one at. Default: the POD_IP environment variable, else 127.0.0.1.</summary>
    public string AdvertisedHost { get; set; } = Environment.GetEnvironmentVariable("POD_IP") is { Length: > 0 } podIp ? podIp : DefaultAdvertisedHost;
}

