using Actors.Grains.Storage.Sql;

namespace Actors.Grains.Storage.Events.Memory;

/// <summary>The event log in process memory, for tests and the Memory storage provider; lost on restart.</summary>
public sealed class MemoryEventLog : IEventLog
{
    readonly List<StoredEvent> events = [];

    public Task AppendBatchAsync(IReadOnlyList<EventRecord> records, CancellationToken cancellationToken)
    {
        lock (events)
        {
            foreach (var record in records)
                events.Add(new StoredEvent(events.Count + 1, record.ContactId, record.EventType,
                    StoredTimestamp.Normalize(record.OccurredAt), record.PayloadJson));
        }
        return Task.CompletedTask;
    }

    public Task<EventPage> ReadAsync(EventQuery query, CancellationToken cancellationToken)
    {
        query.Validate();
        List<StoredEvent> matching;
        var search = query.Search is { Length: > 0 } text ? EventSearch.Matcher(text) : null;
        lock (events)
            matching = [.. events.Where(e => Matches(e, query, search))];
        var ordered = query.Ascending ? matching.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id) : matching.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id);
        var page = ordered
            .Skip((int)Math.Min(query.Offset, int.MaxValue)).Take(query.Limit).ToList();
        return Task.FromResult(new EventPage(page, matching.Count));
    }

    public Task<DateTimeOffset?> NewestAsync(long contactId, string eventType, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var from = StoredTimestamp.Normalize(since);
        lock (events)
            return Task.FromResult(events.Where(e => e.ContactId == contactId && e.EventType == eventType && e.OccurredAt >= from)
                .Select(e => (DateTimeOffset?)e.OccurredAt).Max());
    }

    public Task<int> MoveEventsAsync(long fromContactId, long toContactId, CancellationToken cancellationToken)
    {
        var moved = 0;
        lock (events)
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i].ContactId != fromContactId)
                    continue;
                events[i] = events[i] with { ContactId = toContactId };
                moved++;
            }
        }
        return Task.FromResult(moved);
    }

    static bool Matches(StoredEvent stored, EventQuery query, Predicate<StoredEvent>? search) =>
        (query.ContactId is not { } contact || stored.ContactId == contact)
        && (search is null || search(stored))
        && (query.IncludeTypes.Count == 0 || query.IncludeTypes.Contains(stored.EventType))
        && !query.ExcludeTypes.Contains(stored.EventType)
        && (query.From is not { } from || stored.OccurredAt >= StoredTimestamp.Normalize(from))
        && (query.To is not { } to || stored.OccurredAt <= StoredTimestamp.Normalize(to));
}
