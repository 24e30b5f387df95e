namespace Actors.Runtime;

/// <summary>
/// A grain on another silo threw an exception whose type this process does not rebuild; the type name and message
/// travel, the stack trace stays on the silo that logged it.
/// </summary>
public sealed class RemoteGrainException(string exceptionType, string message)
    : Exception($"{exceptionType}: {message}")
{
    /// <summary>The full name of the exception type the grain threw.</summary>
    public string ExceptionType { get; } = exceptionType;

    /// <summary>The grain's own message, without the type prefix.</summary>
    public string RemoteMessage { get; } = message;
}
