using Actors.Runtime;

namespace Actors.Interfaces.Contacts;

/// <summary>
/// Hands out contact ids in blocks, so a silo allocates ids locally and asks the cluster once per block.
/// There is one allocator, keyed <see cref="Key"/>.
/// </summary>
public interface IContactIdAllocatorGrain : IGrainWithStringKey
{
    public const string Key = "contacts";

    /// <summary>Reserves <paramref name="count"/> ids that were never handed out before and never will be again.</summary>
    Task<IdBlock> Reserve(int count);
}

/// <summary>The ids First .. First + Count - 1.</summary>
public sealed record IdBlock(long First, int Count);
