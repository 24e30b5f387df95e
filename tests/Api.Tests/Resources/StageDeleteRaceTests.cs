using System.Net;
using Actors.Api.Catalogs;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Stages;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>
/// A contact body naming a stage that a delete began to remove after the body was checked: the write happens, and the
/// stage is taken back off the contact, as the delete's sweep would have taken it, so no contact is left in it.
/// </summary>
public abstract class StageDeleteRaceTests(Func<TestStore> store)
{
    [Theory]
    [InlineData("POST", "/api/contacts/new")]
    [InlineData("PATCH", "/api/contacts/{id}/edit")]
    [InlineData("PUT", "/api/contacts/{id}/edit")]
    public async Task A_body_entering_a_stage_being_deleted_leaves_the_contact_without_it(string method, string url)
    {
        await using var api = new ApiFactory(store());
        var stage = (long)(await Create(api, "/api/stages/new", "stage", """{"name":"Going"}"""))["id"]!;
        // Read into the front end's references, which checks a body's stage against them.
        var id = await CreateContact(api, $$"""{"email":"a@example.com","stage":{{stage}}}""");
        await api.Grains.GetContact(id).Apply(new ContactEdit { At = DateTimeOffset.UtcNow, LeaveStage = stage.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        // The delete has marked the stage and not yet swept; the front end's references still hold it.
        await CatalogEndpoints.Catalog<Stage>(api.Grains).BeginRemove(stage);

        var (status, body) = await Send(api, new HttpMethod(method), url.Replace("{id}", $"{id}"), $$"""{"email":"a@example.com","stage":{{stage}}}""");

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{(int)status} {body.ToJsonString()}");
        Assert.Null(body["contact"]!["stage"]);
        Assert.Null((await api.Grains.GetContact(id).Get())!.Stage);
    }
}

public sealed class SqliteStageDeleteRaceTests() : StageDeleteRaceTests(TestStore.Sqlite);

public sealed class PostgreSqlStageDeleteRaceTests() : StageDeleteRaceTests(TestStore.PostgreSql);
