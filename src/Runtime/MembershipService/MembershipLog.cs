using Actors.Runtime.Membership;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.MembershipService;

/// <summary>The membership protocol's log messages.</summary>
internal sealed partial class MembershipLog(ILogger<MembershipLog> logger)
{
    private readonly ILogger _logger = logger;

    [LoggerMessage(100, LogLevel.Information, "Silo {Silo} is {Status} in cluster membership (table version {Version})")]
    public partial void StatusWritten(SiloAddress silo, SiloStatus status, int version);

    [LoggerMessage(101, LogLevel.Warning, "Declared the older generation {Old} of this endpoint dead")]
    public partial void DeclaredOlderGenerationDead(SiloAddress old);

    [LoggerMessage(102, LogLevel.Warning, "Voted {Target} dead ({Votes} of {Required} votes)")]
    public partial void Voted(SiloAddress target, int votes, int required);

    [LoggerMessage(103, LogLevel.Warning, "Declared {Target} dead with {Votes} votes")]
    public partial void DeclaredDead(SiloAddress target, int votes);

    [LoggerMessage(104, LogLevel.Debug, "Probe of {Target} missed ({Missed} in a row)")]
    public partial void ProbeMissed(SiloAddress target, int missed);

    [LoggerMessage(105, LogLevel.Information, "Membership view {Version}: {Active} active silos")]
    public partial void ViewChanged(int version, int active);

    [LoggerMessage(106, LogLevel.Critical, "Silo {Silo} must stop: {Reason}")]
    public partial void MustStop(SiloAddress silo, string reason);

    [LoggerMessage(107, LogLevel.Warning, "Membership table operation failed; retrying at the next period")]
    public partial void TableOperationFailed(Exception exception);

    [LoggerMessage(108, LogLevel.Information, "Joining: cannot yet reach {Silos}; retrying")]
    public partial void JoinProbeFailed(string silos);
}
