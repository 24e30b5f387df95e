using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>
/// The rules a contact field's own body is held to beyond its shape: a bounded order, an alias fixed once made and made
/// in ASCII from any Latin label, a usable number scale, select options of distinct values, and timezone values that
/// name a zone.
/// </summary>
public abstract class FieldRuleTests(Func<TestStore> store)
{
    [Theory]
    [InlineData(2147483647)]
    [InlineData(1000001)]
    [InlineData(-1)]
    public async Task An_order_past_the_bounds_is_a_400_naming_it(int order)
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", $$"""{"label":"ord","order":{{order}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("order: Must be from 0 to 1000000.", Message(body));
    }

    [Fact]
    public async Task A_field_made_after_one_of_the_highest_order_sorts_after_it()
    {
        await using var api = new ApiFactory(store());
        var highest = await Create(api, "/api/fields/contact/new", "field", """{"label":"Highest","order":1000000}""");

        var next = await Create(api, "/api/fields/contact/new", "field", """{"label":"Next"}""");
        var after = await Create(api, "/api/fields/contact/new", "field", """{"label":"After"}""");

        Assert.Equal(1000000, (int)highest["order"]!);
        Assert.Equal(1000000, (int)next["order"]!);
        var listed = (await Get(api, "/api/fields/contact"))["fields"]!.AsObject().Select(f => (string)f.Value!["alias"]!).ToArray();
        Assert.Equal(["highest", "next", "after"], listed[^3..]);
    }

    [Fact]
    public async Task An_edit_changing_the_alias_is_a_400_and_one_repeating_it_is_applied()
    {
        await using var api = new ApiFactory(store());
        var id = (long)(await Create(api, "/api/fields/contact/new", "field", """{"label":"Shoe size"}"""))["id"]!;

        var (changed, error) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{id}/edit", """{"alias":"x","label":"Feet"}""");
        var (repeated, edited) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{id}/edit", """{"alias":"Shoe_Size","label":"Shoe"}""");
        var (put, _) = await Send(api, HttpMethod.Put, $"/api/fields/contact/{id}/edit", """{"alias":"x","label":"Feet"}""");

        Assert.Equal(HttpStatusCode.BadRequest, changed);
        Assert.Equal("alias: A field's alias cannot change once it is made; this field's is 'shoe_size'.", Message(error));
        Assert.Equal(HttpStatusCode.OK, repeated);
        Assert.Equal("Shoe", (string)edited["field"]!["label"]!);
        Assert.Equal(HttpStatusCode.BadRequest, put);
        var field = (await Get(api, $"/api/fields/contact/{id}"))["field"]!;
        Assert.Equal(("shoe_size", "Shoe"), ((string)field["alias"]!, (string)field["label"]!));
    }

    [Theory]
    [InlineData("Ünïcödé Lâbel", "unicode_label")]
    [InlineData("Straße Größe", "strasse_grosse")]
    [InlineData("Æble Øl Œuvre", "aeble_ol_oeuvre")]
    [InlineData("Łódź Đak Þing", "lodz_dak_thing")]
    [InlineData("Ελληνικά café", "cafe")]
    public async Task An_alias_made_from_a_label_writes_latin_letters_in_ascii(string label, string alias)
    {
        await using var api = new ApiFactory(store());

        var field = await Create(api, "/api/fields/contact/new", "field", new JsonObject { ["label"] = label }.ToJsonString());

        Assert.Equal(alias, (string)field["alias"]!);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("-1")]
    [InlineData("16")]
    [InlineData("1.5")]
    [InlineData("[2]")]
    public async Task A_number_scale_that_is_no_whole_number_from_0_to_15_is_a_400(string scale)
    {
        await using var api = new ApiFactory(store());
        var id = (long)(await Create(api, "/api/fields/contact/new", "field", """{"label":"Amount","type":"number","properties":{"scale":2}}"""))["id"]!;

        var (created, error) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", $$$"""{"label":"Price","type":"number","properties":{"scale":{{{scale}}}}}""");
        var (edited, _) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{id}/edit", $$$"""{"properties":{"scale":{{{scale}}}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, created);
        Assert.Equal("properties: properties.scale must be a whole number from 0 to 15.", Message(error));
        Assert.Equal(HttpStatusCode.BadRequest, edited);
        Assert.Equal("""{"scale":2}""", (await Get(api, $"/api/fields/contact/{id}"))["field"]!["properties"]!.ToJsonString());
    }

    [Theory]
    [InlineData("select", """{"list":[{"label":"Red","value":"r"},{"label":"Rouge","value":"r"}]}""")]
    [InlineData("multiselect", """{"list":["r","g","r"]}""")]
    [InlineData("select", """{"list":"r|g|r"}""")]
    public async Task Two_options_of_one_value_are_a_400_naming_the_value(string type, string properties)
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", $$"""{"label":"Colour","type":"{{type}}","properties":{{properties}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("properties: The option \"r\" of properties.list is given twice; each value may be given once.", Message(body));
    }

    [Fact]
    public async Task A_timezone_value_must_name_a_zone_of_tzdata()
    {
        await using var api = new ApiFactory(store());

        var (refused, error) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"tz@example.com","timezone":"Mars/Base"}""");
        var contact = await CreateContact(api, """{"email":"oslo@example.com","timezone":"Europe/Oslo"}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("timezone: must be a time zone id such as Europe/Paris.", Message(error));
        Assert.Equal("Europe/Oslo", (string)(await Get(api, $"/api/contacts/{contact}"))["contact"]!["fields"]!["all"]!["timezone"]!);
    }
}

public sealed class SqliteFieldRuleTests() : FieldRuleTests(TestStore.Sqlite);

public sealed class PostgreSqlFieldRuleTests() : FieldRuleTests(TestStore.PostgreSql);
