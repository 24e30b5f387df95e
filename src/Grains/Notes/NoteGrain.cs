using System.Globalization;
using Actors.Grains.Persistence;
using Actors.Interfaces.Notes;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Notes;

/// <summary>One note about a contact. The contact keeps the note's id, so a merge can hand the note to its winner.</summary>
internal sealed class NoteGrain(
    [PersistentState("note", NoteTable.Name)] IPersistentState<NoteState> note) : Grain, INoteGrain
{
    private NoteState State => note.State;

    public async Task<NoteSnapshot> Write(NoteEdit edit)
    {
        State.ContactId = edit.ContactId;
        State.Text = edit.Text;
        State.Type = edit.Type;
        State.DateTime = edit.DateTime ?? State.DateAdded ?? edit.At;
        State.DateAdded ??= edit.At;
        State.DateModified = edit.At;
        await note.WriteOrReloadAsync();
        return Snapshot();
    }

    public Task<NoteSnapshot?> Get() => Task.FromResult(State.DateAdded is null ? null : Snapshot());

    public async Task<NoteSnapshot?> Delete()
    {
        if (State.DateAdded is null)
            return null;
        var deleted = Snapshot();
        await note.ClearStateAsync();
        return deleted;
    }

    public async Task MoveTo(long contactId)
    {
        // A note id the contact recorded whose note was never written (or was deleted) stays empty.
        if (State.DateAdded is null || State.ContactId == contactId)
            return;
        State.ContactId = contactId;
        await note.WriteOrReloadAsync();
    }

    private NoteSnapshot Snapshot() => NoteTable.Snapshot(long.Parse(this.GetPrimaryKeyString(), CultureInfo.InvariantCulture), State);
}
