using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Messaging;

/// <summary>The cluster messaging log messages.</summary>
internal sealed partial class MessagingLog(ILogger<MessagingLog> logger)
{
    private readonly ILogger _logger = logger;

    [LoggerMessage(200, LogLevel.Warning, "Refused a cluster message from {Sender}: {Reason}")]
    public partial void Refused(string sender, string reason);

    [LoggerMessage(201, LogLevel.Debug, "Forwarding {Grain} to {Owner} (forward {Count})")]
    public partial void Forwarding(string grain, string owner, int count);

    [LoggerMessage(202, LogLevel.Warning, "Silo {Silo} is dead: failing {Count} pending calls")]
    public partial void FailingPending(string silo, int count);

    [LoggerMessage(203, LogLevel.Debug, "Deactivating {Count} activations this silo no longer owns (view {Version})")]
    public partial void Rebalancing(int count, int version);

    [LoggerMessage(204, LogLevel.Debug, "Silo {Silo} ({Status}) sent no dashboard report: it refused or did not answer in time")]
    public partial void NoReport(string silo, string status);

    [LoggerMessage(205, LogLevel.Debug, "Silo {Sender} sent {Grain} here though this view names it the owner; reading the membership table before routing it")]
    public partial void ViewsDisagree(string sender, string grain);

    [LoggerMessage(206, LogLevel.Error, "This silo failed while handling a cluster call; the caller gets a ClusterProtocolException")]
    public partial void CallFailed(Exception failure);

    [LoggerMessage(207, LogLevel.Warning, "A call to silo {Silo} failed with a ClusterProtocolException, not to be retried: {Reason}")]
    public partial void NotASilo(string silo, string reason);
}
