using Actors.Runtime.MembershipService;

namespace Actors.Runtime.Messaging;

/// <summary>Who this process is on the wire: its cluster, and either its silo or a client name.</summary>
public sealed record ClusterIdentity(string ClusterId, LocalSilo? Silo)
{
    private readonly string _clientName = $"client:{Guid.NewGuid():N}";

    /// <summary>The sender text of outgoing messages: the silo address, or "client:{id}".</summary>
    public string SenderName => Silo?.Address.ToString() ?? _clientName;
}
