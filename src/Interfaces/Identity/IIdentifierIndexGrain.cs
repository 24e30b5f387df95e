using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Identity;

/// <summary>
/// One unique identifier value (keyed by <see cref="UniqueIdentifier.Normalize"/>) and the contact that owns
/// it. Every claim for the value meets at this one grain, which is what keeps identifiers unique under
/// concurrency. It never calls another grain, so any grain may wait on it.
/// </summary>
public interface IIdentifierIndexGrain : IGrainWithStringKey
{
    /// <summary>First writer wins: answers the owning contact, which is <paramref name="contactId"/> only if it won.</summary>
    Task<long> Claim(long contactId);

    /// <summary>
    /// Frees the value if <paramref name="contactId"/> owns it; answers whether it did. A contact's value is released by the
    /// contact itself, in its turn, or for a deleted contact: a writer giving back what it claimed for a live contact goes through
    /// <see cref="Contacts.IContactGrain.LetGo"/>, since another write of that contact may rely on the value.
    /// </summary>
    Task<bool> Release(long contactId);

    /// <summary>The owning contact, or null when the value is free.</summary>
    [ReadOnly]
    Task<long?> Owner();

    /// <summary>Used by a merge: if the loser owns the value, the winner owns it now. Answers the owner.</summary>
    Task<long?> Redirect(long loserId, long winnerId);
}
