using Actors.Runtime.Hosting;
using Actors.Runtime.MembershipService;
using Microsoft.Extensions.Configuration;

namespace Actors.Runtime.Diagnostics;

/// <summary>
/// The name a silo's measurements carry in their <see cref="RuntimeInstruments.SiloTag"/> and its dashboard report
/// carries as its address: the silo address with its generation in a cluster, host:port for the embedded silo. The
/// runtime's meter is static, so several silos in one process (a test cluster) tell their measurements apart by it.
/// </summary>
public sealed record SiloLabel(string Address)
{
    /// <summary>The cluster member's address, or for the embedded silo the address it would have on Cluster:AdvertisedHost and Cluster:SiloPort.</summary>
    public static SiloLabel Of(LocalSilo? member, IConfiguration configuration)
    {
        if (member is not null)
            return new SiloLabel(member.Address.ToString());
        var cluster = configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();
        return new SiloLabel($"{cluster.AdvertisedHost}:{cluster.SiloPort}");
    }
}
