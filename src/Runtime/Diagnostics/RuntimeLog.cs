using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Diagnostics;

/// <summary>The runtime's log messages, as source-generated [LoggerMessage] methods.</summary>
internal sealed partial class RuntimeLog(ILogger<RuntimeLog> logger)
{
    private readonly ILogger _logger = logger;

    [LoggerMessage(1, LogLevel.Warning, "Activation of {GrainId} failed")]
    public partial void ActivationFailed(string grainId, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "Deactivating {GrainId}: {Reason}")]
    public partial void Deactivating(string grainId, string reason);

    [LoggerMessage(3, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed")]
    public partial void DeactivationFailed(string grainId, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "A timer tick of {GrainId} failed")]
    public partial void TimerTickFailed(string grainId, Exception exception);

    [LoggerMessage(5, LogLevel.Debug, "Idle collection deactivated {Count} activations")]
    public partial void CollectedIdle(int count);

    [LoggerMessage(6, LogLevel.Information, "Silo stopping: deactivating {Count} activations")]
    public partial void ShuttingDown(int count);

    [LoggerMessage(7, LogLevel.Warning, "Silo stopped with {Count} activations still not deactivated after {Timeout}")]
    public partial void ShutdownTimedOut(int count, TimeSpan timeout);

    [LoggerMessage(8, LogLevel.Warning, "Memory use is {UsedPercent:0.0}% of the {AvailableBytes} bytes the process may use, above the {LimitPercent}% limit: deactivating {Count} of {Total} activations, the least recently used idle ones")]
    public partial void SheddingActivations(double usedPercent, long availableBytes, int limitPercent, int count, int total);

    [LoggerMessage(9, LogLevel.Error, "Shedding activations under memory pressure failed; trying again at the next reading")]
    public partial void SheddingFailed(Exception exception);
}
