namespace Actors.Runtime;

/// <summary>Why an activation is being deactivated; the codes mirror Orleans's DeactivationReasonCode.</summary>
public enum DeactivationReasonCode
{
    None = 0,
    ShuttingDown = 1,
    ActivationFailed = 2,
    ActivationIdle = 4,
    ApplicationError = 8,
    ApplicationRequested = 9,
    RuntimeRequested = 11,
    HighMemoryPressure = 12,
}

public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description, Exception? Exception = null)
{
    public override string ToString() => Exception is null ? $"{ReasonCode}: {Description}" : $"{ReasonCode}: {Description} ({Exception.GetType().Name}: {Exception.Message})";
}
