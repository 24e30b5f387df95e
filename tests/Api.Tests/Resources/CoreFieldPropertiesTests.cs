using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>The core fields' properties as Mautic 5's installer sets them (FieldModel::$coreFields), in new and older catalogs.</summary>
public abstract class CoreFieldPropertiesTests(Func<TestStore> store)
{
    [Fact]
    public async Task The_title_offers_Mr_Mrs_and_Miss_and_the_attribution_has_two_decimals_rounded_half_up()
    {
        await using var api = new ApiFactory(store());
        var id = await CreateContact(api, """{"email":"props@example.com","title":"Dr"}""");

        var fields = (await Get(api, "/api/fields/contact"))["fields"]!.AsObject().Select(f => f.Value!).ToDictionary(f => (string)f["alias"]!);
        var core = (await Get(api, $"/api/contacts/{id}"))["contact"]!["fields"]!["core"]!;

        Assert.Equal("""{"list":["Mr","Mrs","Miss"]}""", fields["title"]["properties"]!.ToJsonString());
        Assert.Equal("""{"roundmode":4,"scale":2}""", fields["attribution"]["properties"]!.ToJsonString());
        Assert.Equal("{}", fields["points"]["properties"]!.ToJsonString());
        Assert.Equal("""{"list":["Mr","Mrs","Miss"]}""", core["title"]!["properties"]!.ToJsonString());
        Assert.Equal("Dr", (string?)core["title"]!["value"]);
    }

    [Fact]
    public async Task A_catalog_an_older_build_stored_without_them_gets_them_and_keeps_an_operators_own_afterwards()
    {
        var shared = store();
        await using (var older = new ApiFactory(shared.Borrowed()))
        {
            await Create(older, "/api/fields/contact/new", "field", """{"label":"Shoe Size","type":"number"}""");
            await StoreAsOlderBuild(older);
        }
        await using (var upgraded = new ApiFactory(shared.Borrowed()))
        {
            Assert.Equal("""{"list":["Mr","Mrs","Miss"]}""", (await Get(upgraded, "/api/fields/contact/1"))["field"]!["properties"]!.ToJsonString());
            Assert.Equal("""{"roundmode":4,"scale":2}""", (await Get(upgraded, "/api/fields/contact/21"))["field"]!["properties"]!.ToJsonString());
            await Send(upgraded, HttpMethod.Patch, "/api/fields/contact/1/edit", """{"properties":{}}""");
        }
        await using var api = new ApiFactory(shared);

        Assert.Equal("{}", (await Get(api, "/api/fields/contact/1"))["field"]!["properties"]!.ToJsonString());
        Assert.Equal("""{"roundmode":4,"scale":2}""", (await Get(api, "/api/fields/contact/21"))["field"]!["properties"]!.ToJsonString());
    }

    /// <summary>Rewrites the stored catalog as a build before core field properties stored it: every core field without any.</summary>
    private static Task StoreAsOlderBuild(ApiFactory api) => StoredFieldCatalog.RewriteAsync(api, catalog =>
    {
        foreach (var field in catalog.Fields!.Where(f => (long)f!["id"]! <= 28))
            field!["properties"] = "{}";
        catalog.Others!.Remove("corePropertiesFilled");
    });
}

public sealed class SqliteCoreFieldPropertiesTests() : CoreFieldPropertiesTests(TestStore.Sqlite);

public sealed class PostgreSqlCoreFieldPropertiesTests() : CoreFieldPropertiesTests(TestStore.PostgreSql);
