using Actors.Runtime.Membership;

namespace Actors.Runtime.MembershipService;

/// <summary>Sends one direct probe (a ping over the messaging connection) to a silo; true if that very generation answered.</summary>
public interface ISiloProber
{
    Task<bool> ProbeAsync(SiloAddress target, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>Tells peers the table changed so they read it now instead of at their next periodic refresh.</summary>
public interface IMembershipGossip
{
    void TableChanged(IEnumerable<SiloAddress> peers);
}
