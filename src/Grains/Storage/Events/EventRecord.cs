namespace Actors.Grains.Storage.Events;

/// <summary>
/// One event of a contact's timeline as it is appended (a page hit, an identification, a merge...). The type is a
/// Mautic timeline key such as "page.hit"; the payload is the event's details as JSON text, stored verbatim.
/// </summary>
public sealed record EventRecord(long ContactId, string EventType, DateTimeOffset OccurredAt, string PayloadJson)
{
    /// <summary>
    /// Whether the event moves its contact's last_active column (a page hit): the SQL logs raise it in the transaction
    /// that stores the event, so the contacts table stays exact without a contact write per hit.
    /// </summary>
    public bool MovesLastActive { get; init; }
}

/// <summary>An event as the log holds it. <see cref="Id"/> grows with commit order and breaks ties between equal times.</summary>
public sealed record StoredEvent(long Id, long ContactId, string EventType, DateTimeOffset OccurredAt, string PayloadJson);
