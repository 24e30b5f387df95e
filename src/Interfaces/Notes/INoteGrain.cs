using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Notes;

/// <summary>One note about a contact (Mautic's lead_notes), keyed by its id as a string.</summary>
public interface INoteGrain : IGrainWithStringKey
{
    /// <summary>Creates the note, or replaces its text, type and date; answers the result.</summary>
    Task<NoteSnapshot> Write(NoteEdit edit);

    [ReadOnly]
    Task<NoteSnapshot?> Get();

    /// <summary>Empties the note; answers what it held, or null when there was none.</summary>
    Task<NoteSnapshot?> Delete();

    /// <summary>Gives the note to the winner of a merge. Running it again changes nothing more.</summary>
    Task MoveTo(long contactId);
}

public sealed record NoteEdit
{
    public required DateTimeOffset At { get; init; }
    public required long ContactId { get; init; }
    public required string Text { get; init; }
    public string Type { get; init; } = NoteTypes.General;

    /// <summary>When the noted call, meeting or email happened (Mautic's dateTime); the creation time when not given.</summary>
    public DateTimeOffset? DateTime { get; init; }
}

public sealed record NoteSnapshot(long Id, long ContactId, string Text, string Type, DateTimeOffset DateTime, DateTimeOffset DateAdded, DateTimeOffset DateModified);

/// <summary>Mautic's note types.</summary>
public static class NoteTypes
{
    public const string General = "general";

    public static readonly IReadOnlyList<string> All = [General, "email", "call", "meeting"];
}
