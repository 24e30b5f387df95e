using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Imports.ImportRequests;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>
/// A unique identifier field has no default value: a default is given to every contact made without a value, so it
/// would be one "unique" value on many contacts. The field API refuses the combination however it is reached, and a
/// catalog an older build stored with it gives the default to no new contact.
/// </summary>
public abstract class UniqueFieldDefaultTests(Func<TestStore> store)
{
    private const string Problem = "A unique identifier field cannot have a default value: every contact made without a value would hold it.";

    [Fact]
    public async Task A_new_unique_field_with_a_default_value_is_a_400_and_is_not_made()
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Post, "/api/fields/contact/new",
            """{"label":"dv_uid","alias":"dv_uid","type":"text","isUniqueIdentifier":true,"defaultValue":"SAME"}""");
        var (misspelt, _) = await Send(api, HttpMethod.Post, "/api/fields/contact/new",
            """{"label":"dv_uid","alias":"dv_uid","isUniqueIdentifer":1,"defaultValue":"SAME"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"defaultValue: {Problem}", Message(body));
        Assert.Equal(Problem, (string)body["errors"]![0]!["details"]!["defaultValue"]![0]!);
        Assert.Equal(HttpStatusCode.BadRequest, misspelt);
        Assert.DoesNotContain("dv_uid", await Aliases(api));
    }

    [Theory]
    [InlineData("email", "def@fz.test")]
    [InlineData("member_no", "SAME")]
    public async Task Setting_a_default_value_on_a_unique_field_is_a_400_and_new_contacts_get_no_value(string alias, string value)
    {
        await using var api = new ApiFactory(store());
        await Create(api, "/api/fields/contact/new", "field", """{"label":"Member number","alias":"member_no","isUniqueIdentifier":true}""");
        var id = await IdOf(api, alias);

        var (patched, error) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{id}/edit", $$"""{"defaultValue":"{{value}}"}""");
        var (put, _) = await Send(api, HttpMethod.Put, $"/api/fields/contact/{id}/edit",
            $$"""{"label":"Again","isUniqueIdentifier":true,"defaultValue":"{{value}}"}""");
        var first = await CreateContact(api, """{"firstname":"Ann"}""");
        var second = await CreateContact(api, """{"firstname":"Bob"}""");

        Assert.Equal(HttpStatusCode.BadRequest, patched);
        Assert.Equal($"defaultValue: {Problem}", Message(error));
        Assert.Equal(HttpStatusCode.BadRequest, put);
        var field = (await Get(api, $"/api/fields/contact/{id}"))["field"]!;
        Assert.Null(field["defaultValue"]);
        Assert.True((bool)field["isUniqueIdentifier"]!);
        Assert.NotEqual(first, second);
        Assert.Null(await ValueOf(api, first, alias));
        Assert.Null(await ValueOf(api, second, alias));
    }

    [Fact]
    public async Task Making_a_field_with_a_default_value_unique_is_a_400_unless_the_same_edit_clears_the_default()
    {
        await using var api = new ApiFactory(store());
        var id = (long)(await Create(api, "/api/fields/contact/new", "field", """{"label":"Plan","alias":"plan","defaultValue":"free"}"""))["id"]!;
        await CreateContact(api, """{"email":"free@fz.test"}""");

        var (refused, error) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{id}/edit", """{"isUniqueIdentifier":true}""");
        var unchanged = (await Get(api, $"/api/fields/contact/{id}"))["field"]!;
        var (cleared, edited) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{id}/edit", """{"isUniqueIdentifier":true,"defaultValue":null}""");
        var made = await CreateContact(api, """{"email":"none@fz.test"}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal($"isUniqueIdentifier: {Problem}", Message(error));
        Assert.False((bool)unchanged["isUniqueIdentifier"]!);
        Assert.Equal("free", (string)unchanged["defaultValue"]!);
        Assert.Equal(HttpStatusCode.OK, cleared);
        Assert.True((bool)edited["field"]!["isUniqueIdentifier"]!);
        Assert.Null(edited["field"]!["defaultValue"]);
        Assert.Null(await ValueOf(api, made, "plan"));
    }

    [Fact]
    public async Task A_unique_field_an_older_build_stored_with_a_default_gives_it_to_no_new_contact()
    {
        var shared = store();
        long id;
        await using (var older = new ApiFactory(shared.Borrowed()))
        {
            id = (long)(await Create(older, "/api/fields/contact/new", "field", """{"label":"dv_uid","alias":"dv_uid","isUniqueIdentifier":true}"""))["id"]!;
            await StoreDefault(older, "dv_uid", "SAME");
        }
        await using var api = new ApiFactory(shared);

        var created = await CreateContact(api, """{"email":"dv0@fz.test"}""");
        var again = await CreateContact(api, """{"email":"dv1@fz.test"}""");
        var (put, _) = await Send(api, HttpMethod.Put, "/api/contacts/9999/edit", """{"email":"dv2@fz.test"}""");
        var (batch, _) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new", """[{"email":"dv3@fz.test"},{"email":"dv4@fz.test"}]""");
        var import = await Import(api, "email\ndv5@fz.test\ndv6@fz.test\n");
        var owner = await CreateContact(api, """{"email":"dv7@fz.test","dv_uid":"SAME"}""");
        var (relabelled, error) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{id}/edit", """{"label":"Renamed"}""");
        var (cleared, _) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{id}/edit", """{"defaultValue":null}""");

        Assert.Equal(HttpStatusCode.Created, put);
        Assert.Equal(HttpStatusCode.Created, batch);
        Assert.Equal(2, (int)import["insertedCount"]!);
        Assert.Equal([owner], await Search(api, "dv_uid:SAME"));
        Assert.Equal(8, (await Get(api, "/api/contacts?search=email:%25fz.test"))["contacts"]!.AsObject().Count);
        Assert.Null(await ValueOf(api, created, "dv_uid"));
        Assert.Null(await ValueOf(api, again, "dv_uid"));
        Assert.Equal(HttpStatusCode.BadRequest, relabelled);
        Assert.Equal($"defaultValue: {Problem}", Message(error));
        Assert.Equal(HttpStatusCode.OK, cleared);
    }

    /// <summary>Writes <paramref name="value"/> as the field's default straight into the stored catalog, as an older build could.</summary>
    private static Task StoreDefault(ApiFactory api, string alias, string value)
        => StoredFieldCatalog.RewriteAsync(api, catalog => catalog.Fields!.Single(f => (string)f!["alias"]! == alias)!["defaultValue"] = value);

    private static async Task<long> IdOf(ApiFactory api, string alias)
        => (await Get(api, "/api/fields/contact"))["fields"]!.AsObject().Select(f => f.Value!).Where(f => (string)f["alias"]! == alias).Select(f => (long)f["id"]!).Single();

    private static async Task<string[]> Aliases(ApiFactory api)
        => (await Get(api, "/api/fields/contact"))["fields"]!.AsObject().Select(f => (string)f.Value!["alias"]!).ToArray();

    private static async Task<string?> ValueOf(ApiFactory api, long contact, string alias)
        => (string?)(await Get(api, $"/api/contacts/{contact}"))["contact"]!["fields"]!["all"]![alias];
}

public sealed class SqliteUniqueFieldDefaultTests() : UniqueFieldDefaultTests(TestStore.Sqlite);

public sealed class PostgreSqlUniqueFieldDefaultTests() : UniqueFieldDefaultTests(TestStore.PostgreSql);
