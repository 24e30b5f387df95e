using Actors.Interfaces.Contacts;

namespace Actors.Grains.Timeline;

/// <summary>
/// Where contacts send their activity history. History is not kept in grain state: it grows without bound
/// and is read by queries, not by grain logic. The in-memory sink stands in until the event log writer
/// (SQL, group commit) replaces it behind this interface.
/// </summary>
public interface ITimelineSink
{
    /// <summary>Appends entries; completes once they are durable.</summary>
    Task Append(IReadOnlyList<TimelineEvent> entries);

    Task<IReadOnlyList<TimelineEvent>> Read(long contactId);

    /// <summary>Moves a merge loser's history to the winner. Running it twice moves nothing more.</summary>
    Task Move(long fromContactId, long toContactId);
}
