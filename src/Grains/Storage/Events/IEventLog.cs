namespace Actors.Grains.Storage.Events;

/// <summary>
/// The append-only store of contact timelines. Appending goes through <see cref="EventLogWriter"/>, which batches
/// callers into <see cref="AppendBatchAsync"/>; reads and merges come here directly.
/// </summary>
public interface IEventLog
{
    /// <summary>Stores every record in one transaction: when this completes all are durable, when it throws none are.</summary>
    Task AppendBatchAsync(IReadOnlyList<EventRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// When the newest event of <paramref name="eventType"/> at or after <paramref name="since"/> happened for the
    /// contact, or null when there is none; served by the timeline index without counting the contact's events.
    /// </summary>
    Task<DateTimeOffset?> NewestAsync(long contactId, string eventType, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>A page of one contact's events, newest first (time, then id, descending).</summary>
    Task<EventPage> ReadAsync(EventQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Gives every event of <paramref name="fromContactId"/> to <paramref name="toContactId"/>, keeping times and ids,
    /// and returns how many moved. A merge runs it again when it resumes after a crash; a second run moves nothing.
    /// </summary>
    Task<int> MoveEventsAsync(long fromContactId, long toContactId, CancellationToken cancellationToken);
}
