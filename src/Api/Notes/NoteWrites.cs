using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Api.Errors;
using Actors.Grains.Contacts;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Notes;
using Actors.Api.Http;

namespace Actors.Api.Notes;

/// <summary>
/// Creating and editing a note. A new note is first recorded by its contact (which keeps its id for merges and shows
/// it in the timeline), then written: a crash in between leaves an id the contact skips, never a note its contact
/// does not know. A note's contact cannot change; a merge moves it to the winner.
/// </summary>
public sealed class NoteWrites(ContactWriteContext context, TimeProvider clock)
{
    private const string IdAllocatorKey = "notes";

    /// <summary>How much of a note's text its timeline entry carries; the note itself keeps all of it.</summary>
    private const int TimelineTextLength = 1000;

    public async Task<IResult> WriteAsync(HttpRequest request, string? id, bool replace)
    {
        var (body, malformed) = await context.ReadJsonAsync(request, allowEmpty: false);
        if (malformed is not null)
            return malformed;
        var existing = id is null ? null : await NoteEndpoints.Find(context.Grains, id);
        if (id is not null && existing is null && !replace)
            return ApiErrors.NotFound();
        var (payload, error, details) = NotePayload.Read(body, replace ? null : existing, requireLead: existing is null);
        if (payload is null)
            return ApiErrors.BadRequest(error!, details);
        var at = clock.GetUtcNow();
        if (existing is not null)
        {
            if (payload.Lead is { } lead && await FindContact(lead) != await FindContact(existing.ContactId))
                return ApiErrors.BadRequest("lead: A note cannot move to another contact.", new JsonObject { ["lead"] = new JsonArray("A note cannot move to another contact.") });
            var edited = await NoteEndpoints.Note(context.Grains, existing.Id).Write(Edit(payload, existing.ContactId, at));
            return Results.Json(new JsonObject { ["note"] = NoteJson.Write(edited) });
        }
        if (await FindContact(payload.Lead!.Value) is not { } contactId)
            return NoSuchLead();
        var noteId = (await context.Grains.GetGrain<IContactIdAllocatorGrain>(IdAllocatorKey).Reserve(1)).First;
        var recorded = await context.Writer.Update(contactId, new ContactEdit
        {
            At = at,
            AddNote = new ContactNote(noteId, payload.Type, payload.Text.Length > TimelineTextLength ? payload.Text[..TimelineTextLength] : payload.Text, payload.DateTime ?? at),
        }, []);
        if (recorded.Outcome == WriteKind.Deleted)
            return NoSuchLead();
        var note = NoteEndpoints.Note(context.Grains, noteId);
        var created = await note.Write(Edit(payload, recorded.ContactId, at));
        // A delete of the contact between the two writes took its notes, this one not yet written among them.
        if (await context.Grains.GetContact(recorded.ContactId).IsDeleted())
        {
            await note.Delete();
            return NoSuchLead();
        }
        // A merge that finished between the two writes found the note still empty: hand it to the winner now.
        if (await context.Grains.ResolveContactAsync(recorded.ContactId) is var winner && winner != recorded.ContactId)
        {
            await note.MoveTo(winner);
            created = created with { ContactId = winner };
        }
        ApiLocation.Set(request.HttpContext, $"/api/notes/{noteId}");
        return Results.Json(new JsonObject { ["note"] = NoteJson.Write(created) }, statusCode: StatusCodes.Status201Created);
    }

    private Task<long?> FindContact(long id) => context.FindAsync(id.ToString(CultureInfo.InvariantCulture));

    private static NoteEdit Edit(NotePayload payload, long contactId, DateTimeOffset at)
        => new() { At = at, ContactId = contactId, Text = payload.Text, Type = payload.Type, DateTime = payload.DateTime };

    private static IResult NoSuchLead() =>
        ApiErrors.BadRequest("lead: There is no such contact.", new JsonObject { ["lead"] = new JsonArray("There is no such contact.") });
}
