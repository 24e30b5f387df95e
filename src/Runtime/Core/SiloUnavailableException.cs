namespace Actors.Runtime;

/// <summary>The silo that should run a call is gone or shutting down; the call's outcome is unknown.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
