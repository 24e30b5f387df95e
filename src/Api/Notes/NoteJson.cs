using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Interfaces.Notes;

namespace Actors.Api.Notes;

/// <summary>A note in Mautic's shape (seed 004 "List Contact Notes"), with the contact it is about.</summary>
public static class NoteJson
{
    public static JsonObject Write(NoteSnapshot note) => new()
    {
        ["id"] = note.Id,
        ["text"] = note.Text,
        ["type"] = note.Type,
        ["dateTime"] = ContactJson.Date(note.DateTime),
        ["lead"] = new JsonObject { ["id"] = note.ContactId },
        ["dateAdded"] = ContactJson.Date(note.DateAdded),
        ["dateModified"] = ContactJson.Date(note.DateModified),
        ["createdBy"] = null,
        ["createdByUser"] = null,
        ["modifiedBy"] = null,
        ["modifiedByUser"] = null,
    };
}
