using Actors.Grains.Persistence;
using Actors.Interfaces.Identity;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Identity;

internal sealed class IdentifierIndexState
{
    public long? OwnerId { get; set; }
}

/// <summary>
/// The owner of one unique identifier value. Turn-based execution makes "read owner, set if free, store"
/// atomic, and the owner is stored before the claim is answered, so a winner is never forgotten.
/// </summary>
internal sealed class IdentifierIndexGrain(
    [PersistentState("index")] IPersistentState<IdentifierIndexState> index) : Grain, IIdentifierIndexGrain
{
    public async Task<long> Claim(long contactId)
    {
        if (index.State.OwnerId is { } owner)
            return owner;
        await SetOwner(contactId);
        return contactId;
    }

    public async Task<bool> Release(long contactId)
    {
        if (index.State.OwnerId != contactId)
            return false;
        await SetOwner(null);
        return true;
    }

    public Task<long?> Owner() => Task.FromResult(index.State.OwnerId);

    public async Task<long?> Redirect(long loserId, long winnerId)
    {
        if (index.State.OwnerId == loserId)
            await SetOwner(winnerId);
        return index.State.OwnerId;
    }

    private Task SetOwner(long? contactId)
    {
        index.State.OwnerId = contactId;
        return index.WriteOrReloadAsync();
    }
}
