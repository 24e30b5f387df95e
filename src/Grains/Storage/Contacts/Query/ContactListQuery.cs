namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>A page of the contact list: which contacts, in what order, from where and how many (0 = all).</summary>
public sealed record ContactListQuery
{
    public ContactFilter Filter { get; init; } = ContactFilter.All;

    /// <summary>Orderings, first one first; the id always breaks ties. Empty means the list's default, newest activity first.</summary>
    public IReadOnlyList<ContactOrder> Order { get; init; } = [];

    public long Start { get; init; }

    /// <summary>Contacts per page; 0 means no limit, as in Mautic.</summary>
    public long Limit { get; init; }
}

public sealed record ContactOrder(ContactColumn Column, bool Descending);

/// <summary>A listed contact as stored: its id, its grain's payload and the row's last_active, which hits raise ahead of the payload.</summary>
public sealed record StoredContact(long Id, byte[] Payload, DateTimeOffset? LastActive);

/// <summary>One page and the number of contacts matching across all pages.</summary>
public sealed record ContactListPage(IReadOnlyList<StoredContact> Contacts, long Total);
