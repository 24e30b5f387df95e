using Actors.Interfaces.Contacts;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Contacts;

/// <summary>
/// Reads a contact's stored payload (a row of the contacts table) the way its grain would, so the list can answer
/// from the read model alone: asking every listed contact's grain would activate a page of grains per request.
/// </summary>
public static class ContactPayload
{
    public static ContactSnapshot ToSnapshot(long id, byte[] payload) =>
        ContactRules.Snapshot(id, GrainStateSerializer.Deserialize<ContactState>(payload));
}
