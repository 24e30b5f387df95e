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

    /// <summary>
    /// Throws when the database would refuse this record, so that it is refused alone instead of failing everyone whose
    /// writes share its transaction. Neither dialect stores a NUL character in text, and valid JSON text never holds one
    /// unescaped.
    /// </summary>
    public void ThrowIfNotStorable()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(EventType, nameof(EventType));
        ArgumentNullException.ThrowIfNull(PayloadJson, nameof(PayloadJson));
        if (EventType.Contains('\0') || PayloadJson.Contains('\0'))
            throw new ArgumentException("An event's type and payload cannot contain a NUL character.", "record");
    }
}

/// <summary>An event as the log holds it. <see cref="Id"/> grows with commit order and breaks ties between equal times.</summary>
public sealed record StoredEvent(long Id, long ContactId, string EventType, DateTimeOffset OccurredAt, string PayloadJson);
