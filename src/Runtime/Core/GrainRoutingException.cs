namespace Actors.Runtime;

/// <summary>A call could not reach the grain's owner: it was forwarded too often while membership views disagreed, or the message was refused.</summary>
public sealed class GrainRoutingException(string message) : Exception(message);
