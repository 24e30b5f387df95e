using Actors.Interfaces.Contacts;

namespace Actors.Grains.Timeline;

/// <summary>Keeps the history in process memory: enough for tests and demos, lost on restart.</summary>
public sealed class InMemoryTimelineSink : ITimelineSink
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, List<TimelineEvent>> _byContact = [];

    public Task Append(IReadOnlyList<TimelineEvent> entries)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
                EntriesOf(entry.ContactId).Add(entry);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TimelineEvent>> Read(long contactId)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<TimelineEvent>>(EntriesOf(contactId).OrderBy(e => e.At).ToArray());
    }

    public Task Move(long fromContactId, long toContactId)
    {
        lock (_gate)
        {
            if (_byContact.Remove(fromContactId, out var moved))
                EntriesOf(toContactId).AddRange(moved.Select(e => e with { ContactId = toContactId }));
        }
        return Task.CompletedTask;
    }

    private List<TimelineEvent> EntriesOf(long contactId)
    {
        if (!_byContact.TryGetValue(contactId, out var entries))
            _byContact[contactId] = entries = [];
        return entries;
    }
}
