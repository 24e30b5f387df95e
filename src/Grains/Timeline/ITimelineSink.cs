using Actors.Interfaces.Contacts;

namespace Actors.Grains.Timeline;

/// <summary>
/// Where contacts send their activity history. History is not kept in grain state: it grows without bound
/// and is read by queries, not by grain logic. The in-memory sink stands in until the event log writer
/// (SQL, group commit) replaces it behind this interface.
/// </summary>
public interface ITimelineSink
{
    /// <summary>The type of a page view's entry; the newest one is the contact's lastActive.</summary>
    const string PageHit = "page.hit";

    /// <summary>Appends entries; completes once they are durable.</summary>
    Task Append(IReadOnlyList<TimelineEvent> entries);

    Task<IReadOnlyList<TimelineEvent>> Read(long contactId);

    /// <summary>When the contact's newest entry of <paramref name="type"/> at or after <paramref name="since"/> happened; null when none did.</summary>
    Task<DateTimeOffset?> Newest(long contactId, string type, DateTimeOffset since);

    /// <summary>Moves a merge loser's history to the winner. Running it twice moves nothing more.</summary>
    Task Move(long fromContactId, long toContactId);
}
