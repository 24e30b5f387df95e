using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>/api/stages, a contact's stage and the stage: search through the real pipeline on a real store.</summary>
public abstract class StageApiTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_stage_is_created_edited_listed_and_deleted()
    {
        await using var api = new ApiFactory(store());

        var stage = await Create(api, "/api/stages/new", "stage", """{"name":"Lead","weight":10,"description":"New"}""");
        var id = (long)stage["id"]!;
        var (patched, patch) = await Send(api, HttpMethod.Patch, $"/api/stages/{id}/edit", """{"weight":"20"}""");
        var list = await Get(api, "/api/stages?orderBy=weight&orderByDir=desc");
        var (deleted, _) = await Send(api, HttpMethod.Delete, $"/api/stages/{id}/delete");

        Assert.Equal(10, (int)stage["weight"]!);
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(20, (int)patch["stage"]!["weight"]!);
        Assert.Equal("New", (string)patch["stage"]!["description"]!);
        Assert.Equal("Lead", (string)list["stages"]![id.ToString()]!["name"]!);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(api, HttpMethod.Get, $"/api/stages/{id}")).Status);
    }

    [Fact]
    public async Task A_contact_enters_and_leaves_a_stage_shown_in_its_json_and_found_by_the_stage_name()
    {
        await using var api = new ApiFactory(store());
        var lead = (long)(await Create(api, "/api/stages/new", "stage", """{"name":"Lead"}"""))["id"]!;
        var customer = (long)(await Create(api, "/api/stages/new", "stage", """{"name":"Customer"}"""))["id"]!;
        var ann = await CreateContact(api, """{"email":"ann@example.com"}""");
        var bob = await CreateContact(api, $$"""{"email":"bob@example.com","stage":{{customer}}}""");

        var (added, success) = await Send(api, HttpMethod.Post, $"/api/stages/{lead}/contact/{ann}/add");

        Assert.Equal(HttpStatusCode.OK, added);
        Assert.Equal("""{"success":1}""", success.ToJsonString());
        var json = (await Get(api, $"/api/contacts/{ann}"))["contact"]!["stage"]!;
        Assert.Equal(lead, (long)json["id"]!);
        Assert.Equal("Lead", (string)json["name"]!);
        Assert.Equal([ann], await Search(api, "stage:le"));
        Assert.Equal([bob], await Search(api, "stage:customer"));
        Assert.Equal([bob], await Search(api, "!stage:lead"));
        Assert.Contains(await api.Grains.GetContact(ann).Timeline(), e => e.Type == "stage.changed");

        await Send(api, HttpMethod.Post, $"/api/stages/{customer}/contact/{ann}/remove");
        Assert.Equal(lead, (long)(await Get(api, $"/api/contacts/{ann}"))["contact"]!["stage"]!["id"]!);
        var (_, left) = await Send(api, HttpMethod.Post, $"/api/stages/{lead}/contact/{ann}/remove");
        Assert.Equal("""{"success":1}""", left.ToJsonString());
        Assert.Null((await Get(api, $"/api/contacts/{ann}"))["contact"]!["stage"]);

        await Send(api, HttpMethod.Delete, $"/api/stages/{customer}/delete");
        Assert.Null((await api.Grains.GetContact(bob).Get())!.Stage);
    }

    [Fact]
    public async Task A_body_stage_of_null_clears_the_stage_on_the_timeline_and_a_body_without_stage_keeps_it()
    {
        await using var api = new ApiFactory(store());
        var lead = (long)(await Create(api, "/api/stages/new", "stage", """{"name":"Lead"}"""))["id"]!;
        var ann = await CreateContact(api, $$"""{"email":"ann@example.com","stage":{{lead}}}""");

        var (kept, keptBody) = await Send(api, HttpMethod.Patch, $"/api/contacts/{ann}/edit", """{"city":"Oslo"}""");
        var (cleared, clearedBody) = await Send(api, HttpMethod.Patch, $"/api/contacts/{ann}/edit", """{"stage":null}""");

        Assert.Equal(HttpStatusCode.OK, kept);
        Assert.Equal(lead, (long)keptBody["contact"]!["stage"]!["id"]!);
        Assert.Equal(HttpStatusCode.OK, cleared);
        Assert.Null(clearedBody["contact"]!["stage"]);
        Assert.Null((await api.Grains.GetContact(ann).Get())!.Stage);
        var changes = (await api.Grains.GetContact(ann).Timeline()).Where(e => e.Type == "stage.changed").ToArray();
        Assert.Equal(2, changes.Length);
        Assert.Contains(changes, e => e.Details.GetValueOrDefault("stageId") is null);
        Assert.Empty(await Search(api, "stage:lead"));
    }

    [Fact]
    public async Task Unknown_stages_and_bad_bodies_answer_4xx_and_store_nothing()
    {
        await using var api = new ApiFactory(store());
        var contact = await CreateContact(api, """{"email":"c@example.com"}""");

        var (noName, _) = await Send(api, HttpMethod.Post, "/api/stages/new", """{"weight":1}""");
        var (badWeight, weight) = await Send(api, HttpMethod.Post, "/api/stages/new", """{"name":"x","weight":"heavy"}""");
        var (unknownMember, _) = await Send(api, HttpMethod.Post, "/api/stages/new", """{"name":"x","colour":"red"}""");
        var (tooLong, _) = await Send(api, HttpMethod.Post, "/api/stages/new", $$"""{"name":"{{new string('s', 300)}}"}""");
        var (malformed, _) = await Send(api, HttpMethod.Post, "/api/stages/new", "{name:");
        var (unknownStage, stageError) = await Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", """{"stage":42}""");
        var (missing, _) = await Send(api, HttpMethod.Post, $"/api/stages/42/contact/{contact}/add");

        Assert.Equal(HttpStatusCode.BadRequest, noName);
        Assert.Equal(HttpStatusCode.BadRequest, badWeight);
        Assert.Equal("weight: Must be a whole number.", Message(weight));
        Assert.Equal(HttpStatusCode.BadRequest, unknownMember);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStage);
        Assert.Equal("stage: no stage has this id.", Message(stageError));
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(0, (int)(await Get(api, "/api/stages"))["total"]!);
    }
}

public sealed class SqliteStageApiTests() : StageApiTests(TestStore.Sqlite);

public sealed class PostgreSqlStageApiTests() : StageApiTests(TestStore.PostgreSql);
