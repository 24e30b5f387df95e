using Actors.Interfaces.Contacts;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Contacts;

/// <summary>
/// Reads a contact's stored payload (a row of the contacts table) the way its grain would, so the list can answer
/// from the read model alone: asking every listed contact's grain would activate a page of grains per request.
/// </summary>
public static class ContactPayload
{
    /// <param name="lastActive">
    /// The row's last_active column: page hits raise it with their timeline entry while the payload keeps the
    /// contact's last real change (see ContactGrain.LastActive.cs), so the later of the two is the contact's.
    /// </param>
    public static ContactSnapshot ToSnapshot(long id, byte[] payload, DateTimeOffset? lastActive)
    {
        var state = GrainStateSerializer.Deserialize<ContactState>(payload);
        state.NumberOlderUtm(id);
        if (lastActive > state.LastActive || state.LastActive is null)
            state.LastActive = lastActive ?? state.LastActive;
        return ContactRules.Snapshot(id, state);
    }
}
