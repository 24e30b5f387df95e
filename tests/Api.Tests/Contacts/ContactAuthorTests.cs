using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Imports;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// createdBy, createdByUser, modifiedBy and modifiedByUser of a contact, as Mautic's FormModel::setTimestamps sets them:
/// the signed-in user of the write that created the contact and of the last write that changed it.
/// </summary>
public abstract class ContactAuthorTests(Func<TestStore> store)
{
    [Fact]
    public async Task The_user_creating_a_contact_is_its_creator_and_the_user_editing_it_last_its_modifier()
    {
        await using var api = new ApiFactory(store());
        var (_, user) = await Send(api, HttpMethod.Post, "/api/users/new",
            """{"username":"ann","email":"ann@example.com","firstName":"Ann","lastName":"Lee","password":"ann-password","role":"user"}""");
        var ann = (long)user["user"]!["id"]!;
        var admin = (long)(await Get(api, "/api/users"))["users"]!.AsArray().Single(u => (string?)u!["username"] == ApiFactory.AdminUser)!["id"]!;
        var id = await CreateContact(api, """{"email":"made@example.com"}""");
        var created = (await Get(api, $"/api/contacts/{id}"))["contact"]!;

        var edited = await api.ApiClient("ann", "ann-password").PatchAsJsonAsync($"/api/contacts/{id}/edit", new { city = "Oslo" });
        var contact = (await Get(api, $"/api/contacts/{id}"))["contact"]!;

        Assert.Equal(admin, (long)created["createdBy"]!);
        Assert.Equal("API Administrator", (string?)created["createdByUser"]);
        Assert.Equal(admin, (long)created["modifiedBy"]!);
        Assert.Equal("API Administrator", (string?)created["modifiedByUser"]);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(admin, (long)contact["createdBy"]!);
        Assert.Equal(ann, (long)contact["modifiedBy"]!);
        Assert.Equal("Ann Lee", (string?)contact["modifiedByUser"]);
    }

    [Fact]
    public async Task A_contact_tracking_made_has_no_creator_and_a_batch_edit_records_its_modifier()
    {
        await using var api = new ApiFactory(store());
        var visitor = api.Visitor();
        visitor.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36");
        var tracked = (long)JsonNode.Parse(await visitor.GetStringAsync("/mtc"))!["id"]!;
        var before = (await Get(api, $"/api/contacts/{tracked}"))["contact"]!;

        var (status, _) = await Send(api, HttpMethod.Patch, "/api/contacts/batch/edit", $$"""[{"id":{{tracked}},"city":"Rome"}]""");
        var after = (await Get(api, $"/api/contacts/{tracked}"))["contact"]!;

        Assert.Null(before["createdBy"]);
        Assert.Null(before["modifiedByUser"]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(after["createdBy"]);
        Assert.Null(after["createdByUser"]);
        Assert.Equal("API Administrator", (string?)after["modifiedByUser"]);
    }

    /// <summary>
    /// Each action route: what the administrator sets up first (given the contact's and Ann's ids), and then the request
    /// Ann makes, with its body.
    /// </summary>
    private static readonly Dictionary<string, Func<ApiFactory, long, long, Task<(HttpMethod Method, string Url, string? Body)>>> ActionRoutes = new()
    {
        ["points plus"] = (_, id, _) => Act(HttpMethod.Post, $"/api/contacts/{id}/points/plus/5"),
        ["points minus"] = (_, id, _) => Act(HttpMethod.Post, $"/api/contacts/{id}/points/minus/5"),
        ["dnc add"] = (_, id, _) => Act(HttpMethod.Post, $"/api/contacts/{id}/dnc/email/add"),
        ["dnc remove"] = async (api, id, _) =>
        {
            await Send(api, HttpMethod.Post, $"/api/contacts/{id}/dnc/email/add");
            return (HttpMethod.Post, $"/api/contacts/{id}/dnc/email/remove", null);
        },
        ["utm add"] = (_, id, _) => Act(HttpMethod.Post, $"/api/contacts/{id}/utm/add", """{"utm_source":"news"}"""),
        ["utm remove"] = async (api, id, _) =>
        {
            var (_, added) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/add", """{"utm_source":"news"}""");
            return (HttpMethod.Post, $"/api/contacts/{id}/utm/{added["contact"]!["utmtags"]![0]!["id"]}/remove", null);
        },
        ["segment add"] = async (api, id, _) => (HttpMethod.Post, $"/api/segments/{await New(api, "segments", "list")}/contact/{id}/add", null),
        ["segment remove"] = async (api, id, _) =>
        {
            var segment = await New(api, "segments", "list");
            await Send(api, HttpMethod.Post, $"/api/segments/{segment}/contact/{id}/add");
            return (HttpMethod.Post, $"/api/segments/{segment}/contact/{id}/remove", null);
        },
        ["segment contacts add"] = async (api, id, _) => (HttpMethod.Post, $"/api/segments/{await New(api, "segments", "list")}/contacts/add", $$"""{"ids":[{{id}}]}"""),
        ["stage add"] = async (api, id, _) => (HttpMethod.Post, $"/api/stages/{await New(api, "stages", "stage")}/contact/{id}/add", null),
        ["stage remove"] = async (api, id, _) =>
        {
            var stage = await New(api, "stages", "stage");
            await Send(api, HttpMethod.Post, $"/api/stages/{stage}/contact/{id}/add");
            return (HttpMethod.Post, $"/api/stages/{stage}/contact/{id}/remove", null);
        },
        ["campaign add"] = async (api, id, _) => (HttpMethod.Post, $"/api/campaigns/{await New(api, "campaigns", "campaign")}/contact/{id}/add", null),
        ["batch owner"] = (_, id, ann) => Act(HttpMethod.Post, "/api/contacts/batch/owner", $$"""{"ids":[{{id}}],"owner":{{ann}}}"""),
        ["batch dnc"] = (_, id, _) => Act(HttpMethod.Post, "/api/contacts/batch/dnc", $$"""{"ids":[{{id}}],"channel":"sms"}"""),
        ["batch segments"] = async (api, id, _) => (HttpMethod.Post, "/api/contacts/batch/segments", $$"""{"ids":[{{id}}],"add":[{{await New(api, "segments", "list")}}]}"""),
        ["batch campaigns"] = async (api, id, _) => (HttpMethod.Post, "/api/contacts/batch/campaigns", $$"""{"ids":[{{id}}],"add":[{{await New(api, "campaigns", "campaign")}}]}"""),
        ["batch categories"] = async (api, id, _) => (HttpMethod.Post, "/api/contacts/batch/categories", $$"""{"ids":[{{id}}],"add":[{{await New(api, "categories", "category", "title")}}]}"""),
        ["batch channels"] = (_, id, _) => Act(HttpMethod.Post, "/api/contacts/batch/channels", $$"""{"ids":[{{id}}],"channels":""" + """{"email":{"subscribed":false}}}"""),
        ["batch stage"] = async (api, id, _) => (HttpMethod.Post, "/api/contacts/batch/stage", $$"""{"ids":[{{id}}],"stage":{{await New(api, "stages", "stage")}}}"""),
    };

    public static TheoryData<string> Actions => new(ActionRoutes.Keys);

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task An_action_records_the_signed_in_user_as_the_modifier_and_a_later_tracking_hit_keeps_it(string action)
    {
        await using var api = new ApiFactory(store());
        var ann = await AddAnn(api);
        var visitor = api.Visitor();
        var tracked = (long)(await Event(visitor, new() { ["page_url"] = "https://shop.test/" }))["id"]!;
        var (method, url, json) = await ActionRoutes[action](api, tracked, ann);
        var before = await Contact(api, tracked);

        var request = new HttpRequestMessage(method, url);
        if (json is not null)
            request.Content = JsonContent.Create(JsonNode.Parse(json));
        var response = await api.ApiClient("ann", "ann-password").SendAsync(request);
        var acted = await Contact(api, tracked);
        var hit = await Event(visitor, new() { ["page_url"] = "https://shop.test/later" });
        var after = await Contact(api, tracked);

        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal((ann, "Ann Lee"), ((long)acted["modifiedBy"]!, (string?)acted["modifiedByUser"]));
        Assert.True((DateTimeOffset)acted["dateModified"]! >= (DateTimeOffset)before["dateModified"]!);
        // A contact tracking made keeps no creator: an action changes it, and does not make it.
        Assert.Null(acted["createdBy"]);
        Assert.Equal(tracked, (long)hit["id"]!);
        Assert.Equal((ann, "Ann Lee"), ((long)after["modifiedBy"]!, (string?)after["modifiedByUser"]));
    }

    private static Task<(HttpMethod, string, string?)> Act(HttpMethod method, string url, string? json = null) => Task.FromResult((method, url, json));

    /// <summary>A new entry of a catalog (segments, stages, campaigns, categories), made by the administrator; its id.</summary>
    private static async Task<long> New(ApiFactory api, string resource, string one, string nameMember = "name")
        => (long)(await Create(api, $"/api/{resource}/new", one, $$"""{"{{nameMember}}":"{{resource}} {{Guid.NewGuid():N}}"}"""))["id"]!;

    private static async Task<long> AddAnn(ApiFactory api)
        => (long)(await Create(api, "/api/users/new", "user",
            """{"username":"ann","email":"ann@example.com","firstName":"Ann","lastName":"Lee","password":"ann-password","role":"user"}"""))["id"]!;

    [Fact]
    public async Task Contacts_an_import_creates_are_created_by_the_user_who_started_it()
    {
        await using var api = new ApiFactory(store());

        await ImportRequests.Import(api, "email,firstname\nimported@example.com,Ida\n");
        var listed = await ImportRequests.ListContacts(api.ApiClient(), "imported@example.com");
        var contact = Assert.Single(listed).Value!;

        Assert.Equal("API Administrator", (string?)contact["createdByUser"]);
        Assert.Equal("API Administrator", (string?)contact["modifiedByUser"]);
    }
}

public sealed class SqliteContactAuthorTests() : ContactAuthorTests(TestStore.Sqlite);

public sealed class PostgreSqlContactAuthorTests() : ContactAuthorTests(TestStore.PostgreSql);
