using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Api.Errors;
using Actors.Api.Lists;
using Actors.Grains.Notes;
using Actors.Grains.Storage.Records;
using Actors.Interfaces.Notes;
using Actors.Runtime;
using Actors.Grains.Errors;

namespace Actors.Api.Notes;

/// <summary>
/// /api/notes (list, get, new, edit, delete) and GET /api/contacts/{id}/notes, both listed from the notes table.
/// The search takes <c>lead:ID</c> and <c>type:call</c> commands besides words of the text.
/// </summary>
public static class NoteEndpoints
{
    private static readonly Dictionary<string, string> OrderColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "id",
        ["dateTime"] = "date_time",
        ["date_time"] = "date_time",
        ["type"] = "type",
        ["lead"] = "lead_id",
        ["lead_id"] = "lead_id",
        ["dateAdded"] = "date_added",
        ["date_added"] = "date_added",
    };

    public static RouteGroupBuilder MapNotes(this RouteGroupBuilder api)
    {
        var notes = api.MapGroup("/notes");
        notes.MapGet("", async (HttpContext http, CancellationToken cancellationToken) => await ListAsync(http, contactId: null, cancellationToken));
        notes.MapGet("/{id}", async (string id, IGrainFactory grains) =>
            await Find(grains, id) is { } note ? Results.Json(new JsonObject { ["note"] = NoteJson.Write(note) }) : ApiErrors.NotFound());
        notes.MapPost("/new", (HttpRequest request, NoteWrites writes) => writes.WriteAsync(request, null, replace: false));
        notes.MapPut("/{id}/edit", (string id, HttpRequest request, NoteWrites writes) => writes.WriteAsync(request, id, replace: true));
        notes.MapPatch("/{id}/edit", (string id, HttpRequest request, NoteWrites writes) => writes.WriteAsync(request, id, replace: false));
        notes.MapDelete("/{id}/delete", async (string id, IGrainFactory grains) =>
            ContactIds.TryParse(id, out var noteId) && await Note(grains, noteId).Delete() is { } deleted
                ? Results.Json(new JsonObject { ["note"] = NoteJson.Write(deleted) })
                : ApiErrors.NotFound());
        api.MapGet("/contacts/{id}/notes", async (string id, HttpContext http, ContactWriteContext context, CancellationToken cancellationToken) =>
            await context.FindAsync(id) is { } contactId ? await ListAsync(http, contactId, cancellationToken) : ApiErrors.NotFound());
        return api;
    }

    /// <summary>All notes keyed by id, or one contact's notes as an array (the two shapes of Mautic's API).</summary>
    private static async Task<IResult> ListAsync(HttpContext http, long? contactId, CancellationToken cancellationToken)
    {
        RecordQuery query;
        try
        {
            query = Query(ListParameters.Read(http.Request), contactId);
        }
        catch (FormatException e)
        {
            return ApiErrors.BadRequest(e.Message);
        }
        if (RecordLists.Reader(http, NoteTable.Name) is not { } reader)
            return RecordLists.NoTable(NoteTable.Name);
        return await RecordLists.ListAsync(http, reader, query, "notes", keyed: contactId is null,
            stored => NoteJson.Write(NoteTable.ToSnapshot(stored.Id, stored.Payload)), cancellationToken);
    }

    private static RecordQuery Query(ListParameters list, long? contactId)
    {
        if (!OrderColumns.TryGetValue(list.OrderBy ?? "id", out var orderBy))
            throw new FormatException($"orderBy: there is no note column '{EchoedInput.Cap(list.OrderBy ?? "id")}'.");
        var equal = new Dictionary<string, object>();
        var words = new List<string>();
        foreach (var term in SearchTerms.Parse(list.Search))
        {
            if (term.StartsWith("lead:", StringComparison.OrdinalIgnoreCase))
                equal["lead_id"] = long.TryParse(term[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var lead) ? lead
                    : throw new FormatException("search: lead: takes a contact id.");
            else if (term.StartsWith("type:", StringComparison.OrdinalIgnoreCase))
                equal["type"] = term[5..].ToLowerInvariant();
            else
                words.Add(term);
        }
        if (contactId is not null)
            equal["lead_id"] = contactId.Value;
        return new RecordQuery
        {
            Search = words,
            SearchColumns = ["text"],
            Equal = equal,
            OrderBy = orderBy,
            Descending = list.Descending,
            Start = list.Start,
            Limit = list.Limit,
        };
    }

    internal static async Task<NoteSnapshot?> Find(IGrainFactory grains, string id)
        => ContactIds.TryParse(id, out var noteId) ? await Note(grains, noteId).Get() : null;

    internal static INoteGrain Note(IGrainFactory grains, long id) => grains.GetGrain<INoteGrain>(id.ToString(CultureInfo.InvariantCulture));
}
