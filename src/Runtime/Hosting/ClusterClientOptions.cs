namespace Actors.Runtime.Hosting;

/// <summary>Settings of a cluster client (configuration section "ClusterClient").</summary>
public sealed class ClusterClientOptions
{
    public const string SectionName = "ClusterClient";

    public static readonly TimeSpan DefaultMembershipRefreshPeriod = TimeSpan.FromMinutes(1);

    /// <summary>How often the client re-reads the membership table when nothing prompts it. Default 1 min (Orleans's GatewayListRefreshPeriod).</summary>
    public TimeSpan MembershipRefreshPeriod { get; set; } = DefaultMembershipRefreshPeriod;
}
