using Actors.Interfaces.Contacts;

namespace Actors.Grains.Storage.Contacts;

/// <summary>
/// A contact state that carries the timeline entries of the change being stored. <see cref="ContactTableStorage"/>
/// writes them with the contacts row, in its transaction, and empties the list once they are stored; a storage without
/// the contacts table (the Memory provider) leaves them in the list for the grain to append to its timeline after the
/// write. The list is never part of the stored state.
/// </summary>
public interface ITimelineOutbox
{
    List<TimelineEvent> PendingTimeline { get; }
}
