using Actors.Grains.Storage.Events.Sql;
using Actors.Grains.Storage.Records;
using Actors.Grains.Storage.Sql;
using Actors.Grains.Timeline;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Storage.Contacts;

/// <summary>
/// Grain storage that keeps each contact's state as one row of the contacts table: the serialized state and its
/// version, as the runtime's grain_state holds them, plus query columns from <see cref="IContactRowProjection"/>,
/// written by the same statement so a reader never sees a row whose columns and payload disagree. The row logic
/// and its compare-and-set rules are <see cref="RecordTableStorage"/>'s; the contacts table's schema is its own
/// (<see cref="ContactTableSchema"/>). The row is keyed by the contact id alone (the grain key, in canonical
/// decimal form): a contact grain keeps one state here. The timeline entries of a change are stored with its row
/// (<see cref="ITimelineOutbox"/>), so a crash never keeps a change without its entries or entries without their change.
/// </summary>
public sealed class ContactTableStorage(SqlStore store, IContactRowProjection projection) : IGrainStorage
{
    /// <summary>The keyed-service name of this provider: [PersistentState("contact", ContactTableStorage.StorageName)].</summary>
    public const string StorageName = "contacts";

    static readonly RecordColumn[] Columns =
    [
        Text("email"), Text("firstname"), Text("lastname"), Text("company"), Text("city"), Text("country"),
        new("points", RecordColumnType.Integer), new("owner_id", RecordColumnType.Integer), Text("stage"),
        new("is_anonymous", RecordColumnType.Integer), new("merged_into", RecordColumnType.Integer),
        Time("date_added"), Time("date_modified"), Time("date_identified"), Time("last_active"), Text("fields"),
        new("pending_merge", RecordColumnType.Integer),
    ];

    readonly RecordTableStorage rows = new(store, new RecordTable("contacts", Columns, state => Values(projection.Project(state))), "ContactTable");

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
        where T : new() => rows.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    /// <summary>Writes the row, and with it, in one transaction, the timeline entries of an <see cref="ITimelineOutbox"/> state.</summary>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
        where T : new()
    {
        if (grainState.State is not ITimelineOutbox { PendingTimeline.Count: > 0 } outbox)
        {
            await rows.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
            return;
        }
        var events = outbox.PendingTimeline.Select(EventLogTimelineSink.ToRecord).ToArray();
        // Refused here, alone: in the group commit a failing entry would fail every write sharing its transaction.
        foreach (var record in events)
            record.ThrowIfNotStorable();
        await rows.WriteStateAsync(grainId, grainState, write => EventsWithRow.Attach(store.Dialect, write, events));
        outbox.PendingTimeline.Clear();
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
        where T : new() => rows.ClearStateAsync(stateName, grainId, grainState, cancellationToken);

    static object?[] Values(ContactRow row) =>
    [
        row.Email, row.FirstName, row.LastName, row.Company, row.City, row.Country, row.Points, row.OwnerId, row.Stage,
        row.IsAnonymous, row.MergedInto, row.DateAdded, row.DateModified, row.DateIdentified, row.LastActive, row.FieldsJson,
        row.PendingMerge,
    ];

    static RecordColumn Text(string name) => new(name, RecordColumnType.Text);

    static RecordColumn Time(string name) => new(name, RecordColumnType.Timestamp);
}
