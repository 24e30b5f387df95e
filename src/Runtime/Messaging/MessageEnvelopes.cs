using System.Text.Json;

namespace Actors.Runtime.Messaging;

/// <summary>
/// A grain call on the wire. Arguments are JSON values, each serialized by its parameter's declared type.
/// <see cref="TimeToLiveMs"/> is what is left of the caller's response timeout when the message is sent, so the
/// receiving silo stops at the same moment the caller does.
/// </summary>
public sealed record CallMessage
{
    public required string ClusterId { get; init; }
    public required long CorrelationId { get; init; }
    /// <summary>The sending silo's address, or "client:{id}" for a cluster client.</summary>
    public required string Sender { get; init; }
    /// <summary>The silo (with generation) the sender believes owns the grain.</summary>
    public required string TargetSilo { get; init; }
    public required string Grain { get; init; }
    /// <summary>The method's stable identity (interface, name, parameter types).</summary>
    public required string Method { get; init; }
    public required IReadOnlyList<JsonElement> Arguments { get; init; }
    public required int ForwardCount { get; init; }
    public required int TimeToLiveMs { get; init; }
}

/// <summary>The answer to a <see cref="CallMessage"/>: a value, or an exception's type and message.</summary>
public sealed record CallAnswer
{
    public required long CorrelationId { get; init; }
    public JsonElement? Value { get; init; }
    public string? ExceptionType { get; init; }
    public string? ExceptionMessage { get; init; }
    /// <summary>The membership view version of the answering silo, so a caller with an older view refreshes.</summary>
    public int ViewVersion { get; init; }
}

/// <summary>A probe: answered with success only by the addressed generation of a live silo of the same cluster.</summary>
public sealed record PingMessage(string ClusterId, string Sender, string Target);

/// <summary>"The membership table changed": the receiver reads it now.</summary>
public sealed record GossipMessage(string ClusterId, string Sender);

/// <summary>"Send me your dashboard figures": answered with <see cref="Diagnostics.SiloFigures"/> by the addressed generation of a live silo of the same cluster.</summary>
public sealed record ReportRequest(string ClusterId, string Sender, string Target);
