using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Notes;

/// <summary>/api/notes and a contact's notes through the real pipeline on a real store.</summary>
public abstract class NoteTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_note_is_created_read_edited_listed_for_its_contact_and_deleted()
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"email":"noted@example.com"}""");

        var (created, body) = await Send(api, HttpMethod.Post, "/api/notes/new",
            $$"""{"lead":{{contact}},"text":"Called about pricing","type":"call","dateTime":"2026-11-23 14:00:00"}""");
        var id = (long)body["note"]!["id"]!;
        var (_, read) = await Send(api, HttpMethod.Get, $"/api/notes/{id}", "");
        var (_, patched) = await Send(api, HttpMethod.Patch, $"/api/notes/{id}/edit", """{"text":"Called twice about pricing"}""");
        var (_, ofContact) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/notes", "");
        var (deleted, _) = await Send(api, HttpMethod.Delete, $"/api/notes/{id}/delete", "");
        var (gone, _) = await Send(api, HttpMethod.Get, $"/api/notes/{id}", "");
        var (_, none) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/notes", "");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"http://localhost/api/notes/{id}", created.Headers.Location?.ToString());
        Assert.Equal("call", (string)read["note"]!["type"]!);
        Assert.Equal("2026-11-23T14:00:00+00:00", (string)read["note"]!["dateTime"]!);
        Assert.Equal(contact, (long)read["note"]!["lead"]!["id"]!);
        Assert.Equal("Called twice about pricing", (string)patched["note"]!["text"]!);
        Assert.Equal("call", (string)patched["note"]!["type"]!);
        Assert.Equal(1, (int)ofContact["total"]!);
        Assert.Equal(id, (long)ofContact["notes"]![0]!["id"]!);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(0, (int)none["total"]!);
    }

    [Fact]
    public async Task Deleting_a_contact_deletes_its_notes()
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"email":"noted@example.com"}""");
        var other = await Create(api, """{"email":"other@example.com"}""");
        var (_, note) = await Send(api, HttpMethod.Post, "/api/notes/new", $$"""{"lead":{{contact}},"text":"Goes with the contact"}""");
        var (_, kept) = await Send(api, HttpMethod.Post, "/api/notes/new", $$"""{"lead":{{other}},"text":"Stays"}""");

        await Send(api, HttpMethod.Delete, $"/api/contacts/{contact}/delete", "");
        var (gone, _) = await Send(api, HttpMethod.Get, $"/api/notes/{(long)note["note"]!["id"]!}", "");
        var (_, list) = await Send(api, HttpMethod.Get, "/api/notes", "");

        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(1, (int)list["total"]!);
        Assert.Equal((long)kept["note"]!["id"]!, (long)list["notes"]![0]!["id"]!);
    }

    [Fact]
    public async Task Put_replaces_a_note_without_naming_its_contact_again_and_cannot_move_it()
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"email":"put-note@example.com"}""");
        var other = await Create(api, """{"email":"other-note@example.com"}""");
        var id = await Note(api, contact, "First draft", "call");

        var (replaced, body) = await Send(api, HttpMethod.Put, $"/api/notes/{id}/edit", """{"text":"Final"}""");
        var (moved, error) = await Send(api, HttpMethod.Patch, $"/api/notes/{id}/edit", $$"""{"lead":{{other}}}""");

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("Final", (string)body["note"]!["text"]!);
        Assert.Equal("general", (string)body["note"]!["type"]!);
        Assert.Equal(contact, (long)body["note"]!["lead"]!["id"]!);
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Equal("lead: A note cannot move to another contact.", (string)error["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task The_list_searches_text_and_filters_by_contact_and_type()
    {
        await using var api = new ApiFactory(store());
        var jo = await Create(api, """{"email":"jo@example.com"}""");
        var al = await Create(api, """{"email":"al@example.com"}""");
        await Note(api, jo, "Met at the fair", "meeting");
        await Note(api, jo, "Sent the brochure", "email");
        await Note(api, al, "Met for lunch", "meeting");

        var (_, met) = await Send(api, HttpMethod.Get, "/api/notes?search=met&orderBy=id&orderByDir=desc", "");
        var (_, joMeetings) = await Send(api, HttpMethod.Get, $"/api/notes?search=lead:{jo}%20type:meeting", "");
        var (_, joSearch) = await Send(api, HttpMethod.Get, $"/api/contacts/{jo}/notes?search=brochure", "");
        var (_, paged) = await Send(api, HttpMethod.Get, "/api/notes?limit=1&start=2&orderBy=id", "");
        var (_, phrase) = await Send(api, HttpMethod.Get, "/api/notes?search=%22at%20the%20fair%22%20type:meeting", "");

        Assert.Equal(2, (int)met["total"]!);
        Assert.Equal(["Met for lunch", "Met at the fair"], met["notes"]!.AsObject().Select(n => (string)n.Value!["text"]!));
        Assert.Equal("Met at the fair", (string)joMeetings["notes"]!.AsObject().Single().Value!["text"]!);
        Assert.Equal("Sent the brochure", (string)joSearch["notes"]![0]!["text"]!);
        Assert.Equal("Met at the fair", (string)phrase["notes"]!.AsObject().Single().Value!["text"]!);
        Assert.Equal(3, (int)paged["total"]!);
        Assert.Equal("Met for lunch", (string)paged["notes"]!.AsObject().Single().Value!["text"]!);
    }

    [Fact]
    public async Task A_note_shows_in_the_timeline_and_a_merge_gives_it_to_the_winner()
    {
        await using var api = new ApiFactory(store());
        var winner = await Create(api, """{"email":"note-win@example.com"}""");
        var loser = await Create(api, """{"email":"note-lose@example.com"}""");
        var note = await Note(api, loser, "Prefers phone", "general");

        var (_, timeline) = await Send(api, HttpMethod.Get, $"/api/contacts/{loser}/activity?filters[includeEvents][]=lead.note", "");
        await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}", "");
        var (_, notes) = await Send(api, HttpMethod.Get, $"/api/contacts/{winner}/notes", "");
        var (_, read) = await Send(api, HttpMethod.Get, $"/api/notes/{note}", "");

        Assert.Equal("Prefers phone", (string)timeline["events"]![0]!["details"]!["text"]!);
        Assert.Equal(1, (int)notes["total"]!);
        Assert.Equal(winner, (long)read["note"]!["lead"]!["id"]!);
    }

    [Theory]
    [InlineData("{\"text\":", "not valid JSON")]
    [InlineData("{\"lead\":1,\"text\":\"x\",\"mood\":\"happy\"}", "Unknown note properties: mood.")]
    [InlineData("{\"lead\":LEAD,\"text\":\"\"}", "text: A value is required.")]
    [InlineData("{\"lead\":LEAD,\"text\":42}", "text: must be a string.")]
    [InlineData("{\"lead\":LEAD,\"text\":\"a\\u0000b\"}", "text: must not hold control characters")]
    [InlineData("{\"lead\":LEAD,\"text\":\"x\",\"type\":\"fax\"}", "type: must be one of general, email, call, meeting.")]
    [InlineData("{\"lead\":LEAD,\"text\":\"x\",\"dateTime\":\"yesterday-ish\"}", "dateTime: must be a date")]
    [InlineData("{\"lead\":\"me\",\"text\":\"x\"}", "lead: must be a contact id.")]
    [InlineData("{\"text\":\"x\"}", "lead: A value is required.")]
    [InlineData("{\"lead\":999999,\"text\":\"x\"}", "lead: There is no such contact.")]
    public async Task Bad_bodies_answer_400_and_store_nothing(string json, string message)
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"email":"bad-note@example.com"}""");

        var (response, body) = await Send(api, HttpMethod.Post, "/api/notes/new", json.Replace("LEAD", contact.ToString()));
        var (_, list) = await Send(api, HttpMethod.Get, "/api/notes", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (string)body["errors"]![0]!["message"]!);
        Assert.Equal(0, (int)list["total"]!);
    }

    [Fact]
    public async Task An_over_long_text_answers_400()
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"email":"long-note@example.com"}""");

        var (response, _) = await Send(api, HttpMethod.Post, "/api/notes/new", $$"""{"lead":{{contact}},"text":"{{new string('t', 65_536)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/notes/999999")]
    [InlineData("GET", "/api/notes/x1")]
    [InlineData("PATCH", "/api/notes/999999/edit")]
    [InlineData("DELETE", "/api/notes/999999/delete")]
    [InlineData("GET", "/api/contacts/999999/notes")]
    public async Task Unknown_ids_answer_404(string method, string url)
    {
        await using var api = new ApiFactory(store());

        var (response, _) = await Send(api, new HttpMethod(method), url, """{"text":"x"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/notes?orderBy=text;--")]
    [InlineData("/api/notes?search=lead:abc")]
    [InlineData("/api/notes?limit=ten")]
    public async Task Bad_list_parameters_answer_400(string url)
    {
        await using var api = new ApiFactory(store());

        var (response, _) = await Send(api, HttpMethod.Get, url, "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<long> Note(ApiFactory api, long contact, string text, string type)
    {
        var (response, body) = await Send(api, HttpMethod.Post, "/api/notes/new", $$"""{"lead":{{contact}},"text":"{{text}}","type":"{{type}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)body["note"]!["id"]!;
    }
}

public sealed class SqliteNoteTests() : NoteTests(TestStore.Sqlite);

public sealed class PostgreSqlNoteTests() : NoteTests(TestStore.PostgreSql);
