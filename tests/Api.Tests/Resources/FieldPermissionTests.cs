using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>Field management is an admin's (Mautic's lead:fields:full); every user reads the catalog.</summary>
public abstract class FieldPermissionTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_non_admin_reads_the_fields_but_creating_editing_or_deleting_one_is_a_403()
    {
        await using var api = new ApiFactory(store());
        var field = (long)(await Create(api, "/api/fields/contact/new", "field", """{"label":"Shoe size"}"""))["id"]!;
        var created = await api.ApiClient().PostAsJsonAsync("/api/users/new",
            new { username = "ann", email = "ann@example.com", firstName = "Ann", lastName = "Lee", password = "ann-password" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ann = api.ApiClient("ann", "ann-password");

        var list = await ann.GetAsync("/api/fields/contact");
        var one = await ann.GetAsync($"/api/fields/contact/{field}");
        var refused = new[]
        {
            await ann.PostAsJsonAsync("/api/fields/contact/new", new { label = "Hat size" }),
            await ann.PatchAsJsonAsync($"/api/fields/contact/{field}/edit", new { label = "Foot" }),
            await ann.PutAsJsonAsync($"/api/fields/contact/{field}/edit", new { label = "Foot" }),
            await ann.DeleteAsync($"/api/fields/contact/{field}/delete"),
        };

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
            Assert.Equal(403, (int)error["code"]!);
            Assert.Equal("You do not have access to the requested area/action.", (string)error["message"]!);
        }
        var catalog = await Get(api, "/api/fields/contact");
        Assert.Equal(29, (int)catalog["total"]!);
        Assert.Equal("Shoe size", (string)catalog["fields"]![field.ToString()]!["label"]!);
        Assert.Equal(HttpStatusCode.OK, (await api.ApiClient().DeleteAsync($"/api/fields/contact/{field}/delete")).StatusCode);
    }
}

public sealed class SqliteFieldPermissionTests() : FieldPermissionTests(TestStore.Sqlite);

public sealed class PostgreSqlFieldPermissionTests() : FieldPermissionTests(TestStore.PostgreSql);
