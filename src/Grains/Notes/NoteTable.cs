using Actors.Grains.Storage.Records;
using Actors.Interfaces.Notes;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Notes;

/// <summary>What a note grain stores. Null DateAdded: no note.</summary>
internal sealed class NoteState
{
    public long ContactId { get; set; }
    public string Text { get; set; } = "";
    public string Type { get; set; } = NoteTypes.General;
    public DateTimeOffset DateTime { get; set; }
    public DateTimeOffset? DateAdded { get; set; }
    public DateTimeOffset? DateModified { get; set; }
}

/// <summary>The notes table: the note grain's state plus the columns the note lists filter, search and order by.</summary>
public static class NoteTable
{
    public const string Name = "notes";

    public static readonly RecordTable Definition = new(Name,
    [
        new("lead_id", RecordColumnType.Integer, Indexed: true),
        new("type", RecordColumnType.Text),
        new("text", RecordColumnType.Text),
        new("date_time", RecordColumnType.Timestamp),
        new("date_added", RecordColumnType.Timestamp),
    ], Project);

    static object?[] Project(object state)
    {
        var note = (NoteState)state;
        return [note.ContactId, note.Type, note.Text, note.DateTime, note.DateAdded];
    }

    /// <summary>Reads a stored payload the way the grain would, so lists answer from the table alone.</summary>
    public static NoteSnapshot ToSnapshot(long id, byte[] payload) => Snapshot(id, GrainStateSerializer.Deserialize<NoteState>(payload));

    internal static NoteSnapshot Snapshot(long id, NoteState note)
        => new(id, note.ContactId, note.Text, note.Type, note.DateTime, note.DateAdded ?? note.DateTime, note.DateModified ?? note.DateAdded ?? note.DateTime);
}
