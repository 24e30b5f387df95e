using Actors.Runtime;

namespace Actors.Interfaces.Contacts;

public static class ContactRedirects
{
    // Merges only ever point from a loser to a live winner, so a chain cannot loop; the bound turns a
    // corrupted chain into an error instead of a hang.
    private const int MaxHops = 64;

    public static IContactGrain GetContact(this IGrainFactory factory, long contactId)
        => factory.GetGrain<IContactGrain>(contactId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Follows MergedInto pointers (A into B, later B into C: A resolves to C) to the live contact.</summary>
    public static async Task<long> ResolveContactAsync(this IGrainFactory factory, long contactId)
    {
        for (var hop = 0; hop < MaxHops; hop++)
        {
            var next = await factory.GetContact(contactId).MergedInto();
            if (next is null)
                return contactId;
            contactId = next.Value;
        }
        throw new InvalidOperationException($"Contact {contactId} is more than {MaxHops} merges away from a live contact.");
    }
}
