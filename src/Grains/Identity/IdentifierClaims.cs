using Actors.Interfaces.Contacts;
using Actors.Interfaces.Identity;
using Actors.Runtime;

namespace Actors.Grains.Identity;

/// <summary>Claiming a unique value at its index grain, the one way every writer (tracking, the API, imports) does it.</summary>
public static class IdentifierClaims
{
    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="contactId"/> and answers its owner, first writer wins. An owner
    /// that is deleted gives the value up first: a crash between storing a delete and freeing the contact's values leaves
    /// such an entry, and it must not keep the value from every later contact.
    /// </summary>
    public static async Task<long> ClaimAsync(this IGrainFactory grains, string key, long contactId)
    {
        var index = grains.GetGrain<IIdentifierIndexGrain>(key);
        var owner = await index.Claim(contactId);
        if (owner == contactId || !await grains.GetContact(owner).IsDeleted())
            return owner;
        await index.Release(owner);
        return await index.Claim(contactId);
    }
}
