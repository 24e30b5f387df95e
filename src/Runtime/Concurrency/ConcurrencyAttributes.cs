namespace Actors.Runtime.Concurrency;

/// <summary>Any request to this grain class may start while another request of the same activation awaits.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>
/// An interface method whose requests run even beside a non-interleaving request of the same activation.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>
/// A method that does not change the grain's state: read-only requests interleave with each other,
/// never with a request that may write.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ReadOnlyAttribute : Attribute;
