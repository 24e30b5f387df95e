using System.Text.Json;
using Actors.Grains.Storage.Events;
using Actors.Interfaces.Contacts;

namespace Actors.Grains.Timeline;

/// <summary>The timeline in the event log: appends go through the group-committing writer, so they complete once durable.</summary>
public sealed class EventLogTimelineSink(EventLogWriter writer, IEventLog log) : ITimelineSink
{
    /// <summary>Events read per query when a whole timeline is asked for.</summary>
    private const int PageSize = 1000;

    public Task Append(IReadOnlyList<TimelineEvent> entries) => writer.AppendManyAsync(entries.Select(ToRecord).ToArray());

    /// <summary>A timeline entry as the event log stores it; a page hit moves its contact's last_active.</summary>
    public static EventRecord ToRecord(TimelineEvent entry)
        => new(entry.ContactId, entry.Type, entry.At, JsonSerializer.Serialize(entry.Details)) { MovesLastActive = entry.Type == ITimelineSink.PageHit };

    public async Task<IReadOnlyList<TimelineEvent>> Read(long contactId)
    {
        var events = new List<TimelineEvent>();
        for (var page = 1; ; page++)
        {
            var found = await log.ReadAsync(new EventQuery(contactId) { Page = page, Limit = PageSize }, CancellationToken.None);
            events.AddRange(found.Events.Select(ToTimelineEvent));
            if (found.Events.Count < PageSize)
                break;
        }
        events.Reverse();
        return events;
    }

    public Task<DateTimeOffset?> Newest(long contactId, string type, DateTimeOffset since)
        => log.NewestAsync(contactId, type, since, CancellationToken.None);

    public Task Move(long fromContactId, long toContactId) => log.MoveEventsAsync(fromContactId, toContactId, CancellationToken.None);

    /// <summary>An event of the log as a timeline entry; the activity of all contacts reads the log directly.</summary>
    public static TimelineEvent ToTimelineEvent(StoredEvent stored)
        => new(stored.ContactId, stored.EventType, stored.OccurredAt,
            JsonSerializer.Deserialize<Dictionary<string, string?>>(stored.PayloadJson) ?? []);
}
