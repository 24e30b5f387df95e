using Actors.Grains.Timeline;

namespace Actors.Grains.Contacts;

/// <summary>
/// A returning visitor's hit changes the contact only in lastActive, and the hit itself is durable in the timeline
/// (its page.hit entry, which raises the contacts table's last_active in the same transaction). Rewriting the whole
/// contact for that would cost a second commit per hit, so such a hit moves lastActive in memory only, and the
/// stored state catches up with the contact's next real change. A crash loses nothing: every activation takes
/// lastActive from the newest page.hit in the timeline, so what the grain answers is exact whatever happened.
/// </summary>
internal sealed partial class ContactGrain
{
    private async Task ReconcileLastActive()
    {
        if (State.DateAdded is not { } added || State.MergedInto is not null)
            return;
        if (await timeline.Newest(Id, ITimelineSink.PageHit, State.LastActive ?? added) is { } newest && !(State.LastActive >= newest))
            State.LastActive = newest;
    }
}
