using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Tags;

namespace Actors.Api.Tags;

/// <summary>
/// Finds the contacts holding a tag in any spelling, for the sweeps of a tag's rename and delete. SQL compares the
/// lower case of each tag a contact holds, by the fold <see cref="Tag.NameComparer"/> tells tags apart with, so it finds
/// every spelling on both stores; the spelling each one holds is checked here again, since a PostgreSQL server whose
/// libc knows fewer letters than .NET could lower one differently.
/// </summary>
public static class TagHolders
{
    /// <summary>Contacts that may hold <paramref name="tag"/>; <see cref="Holds"/> decides.</summary>
    public static ContactFilter Candidates(string tag) => new SetContains(ContactSet.Tags, tag, Exact: true);

    /// <summary>Whether <paramref name="contact"/> holds <paramref name="tag"/> in some spelling, as its grain compares tags.</summary>
    public static bool Holds(ContactSnapshot contact, string tag) => contact.Tags.Contains(tag, Tag.NameComparer);
}
