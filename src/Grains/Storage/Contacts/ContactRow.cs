namespace Actors.Grains.Storage.Contacts;

/// <summary>
/// The query columns of a contact's row in the contacts table, projected from the contact grain's state on every
/// write. List, search, export and segment queries read these; the grain itself only ever reads its payload.
/// </summary>
public sealed record ContactRow
{
    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Company { get; init; }

    public string? City { get; init; }

    public string? Country { get; init; }

    public int Points { get; init; }

    public long? OwnerId { get; init; }

    public string? Stage { get; init; }

    public bool IsAnonymous { get; init; }

    /// <summary>The winner's id once this contact was merged into another; the row is then a tombstone.</summary>
    public long? MergedInto { get; init; }

    /// <summary>
    /// The loser of a merge this contact recorded and has not finished, or null: the start-up sweep activates these
    /// contacts so their merges finish without anyone touching them.
    /// </summary>
    public long? PendingMerge { get; init; }

    public DateTimeOffset? DateAdded { get; init; }

    public DateTimeOffset? DateModified { get; init; }

    public DateTimeOffset? DateIdentified { get; init; }

    public DateTimeOffset? LastActive { get; init; }

    /// <summary>Every field value by alias, as a JSON object, for custom-field queries. Default an empty object.</summary>
    public string FieldsJson { get; init; } = "{}";
}

/// <summary>
/// Maps the contact grain's state to its row. The contact grain registers one; the storage calls it with the
/// state it is about to write, so the row and the payload always describe the same version.
/// </summary>
public interface IContactRowProjection
{
    ContactRow Project(object state);
}
