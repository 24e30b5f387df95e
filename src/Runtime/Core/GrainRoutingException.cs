namespace Actors.Runtime;

/// <summary>
/// A call could not reach the grain's owner: it was forwarded too often while the silos' membership views disagreed
/// (Orleans's transient rejection, a <see cref="TransientCallFailure"/>). A message a silo cannot understand is a
/// <see cref="ClusterProtocolException"/> instead.
/// </summary>
public sealed class GrainRoutingException(string message) : Exception(message);
