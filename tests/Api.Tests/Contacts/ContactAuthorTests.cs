using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Imports;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

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
