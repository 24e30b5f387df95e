using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>What a contact field's body may hold: properties of a bounded size, labels without control characters, usable options (no blanks around them, none longer than a value may be).</summary>
public abstract class FieldInputLimitTests(Func<TestStore> store)
{
    [Fact]
    public async Task Properties_past_64_KiB_are_a_400_on_create_and_edit_and_a_long_select_list_still_fits()
    {
        await using var api = new ApiFactory(store());
        var field = (long)(await Create(api, "/api/fields/contact/new", "field", """{"label":"Small"}"""))["id"]!;
        var big = new JsonObject { ["note"] = new string('x', 65536) }.ToJsonString();
        var options = new JsonArray(Enumerable.Range(1, 1500).Select(i => (JsonNode)new JsonObject { ["label"] = $"Option {i}", ["value"] = $"{i}" }).ToArray());

        var (created, error) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", $$"""{"label":"Big","properties":{{big}}}""");
        var (edited, _) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{field}/edit", $$"""{"properties":{{big}}}""");
        await Create(api, "/api/fields/contact/new", "field", new JsonObject { ["label"] = "Plan", ["type"] = "select", ["properties"] = new JsonObject { ["list"] = options } }.ToJsonString());
        var contact = await CreateContact(api, """{"email":"plan@example.com","plan":"1500"}""");

        Assert.Equal(HttpStatusCode.BadRequest, created);
        Assert.Equal("properties: At most 65536 bytes (64 KiB) of JSON; these are 65547.", Message(error));
        Assert.Equal(HttpStatusCode.BadRequest, edited);
        Assert.Equal("{}", (await Get(api, $"/api/fields/contact/{field}"))["field"]!["properties"]!.ToJsonString());
        Assert.Equal("1500", (string)(await Get(api, $"/api/contacts/{contact}"))["contact"]!["fields"]!["all"]!["plan"]!);
    }

    [Theory]
    [InlineData("/api/fields/contact/new", "label", "Bad\u0000label")]
    [InlineData("/api/fields/contact/new", "label", "Bell\u0007")]
    [InlineData("/api/segments/new", "name", "Nul\u0000")]
    [InlineData("/api/stages/new", "name", "Esc\u001b[31m")]
    [InlineData("/api/tags/new", "tag", "tag\u0000")]
    [InlineData("/api/categories/new", "title", "\u0001cat")]
    public async Task A_name_or_label_with_a_control_character_is_a_400_as_a_contact_value_is(string url, string member, string text)
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Post, url, new JsonObject { [member] = text }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"{member}: Must not hold control characters other than tab and line breaks, nor invalid UTF-16.", Message(body));
    }

    [Fact]
    public async Task A_label_with_tabs_and_line_breaks_is_kept()
    {
        await using var api = new ApiFactory(store());

        var field = await Create(api, "/api/fields/contact/new", "field", """{"label":"Two\tparts\nof it"}""");

        Assert.Equal("Two\tparts\nof it", (string)field["label"]!);
    }

    [Theory]
    [InlineData("multiselect", """{"list":[{"label":"A or B","value":"a|b"},{"label":"C","value":"c"}]}""", "properties: The option a|b of a multiselect cannot hold |, which joins its values.")]
    [InlineData("multiselect", """{"list":["a","b|c"]}""", "properties: The option b|c of a multiselect cannot hold |, which joins its values.")]
    [InlineData("select", """{"list":[{"label":"No value"},{"label":"C","value":"c"}]}""", "properties: Option 1 of properties.list has no value.")]
    [InlineData("select", """{"list":[{"label":"C","value":"c"},{"label":"Null","value":null}]}""", "properties: Option 2 of properties.list has no value.")]
    [InlineData("multiselect", """{"list":[{"label":"Blank","value":"  "}]}""", "properties: Option 1 of properties.list has no value.")]
    [InlineData("select", """{"list":[{"label":"Nested","value":{"x":1}}]}""", "properties: Option 1 of properties.list has no value.")]
    [InlineData("select", """{"list":["a",["b"]]}""", "properties: Option 2 of properties.list has no value.")]
    [InlineData("select", """{"list":["a","b\u0000"]}""", "properties: Option 2 of properties.list must not hold control characters other than tab and line breaks, nor invalid UTF-16.")]
    [InlineData("select", """{"list":["a"," b"]}""", "properties: The option \" b\" of properties.list begins or ends with a blank; give it without.")]
    [InlineData("multiselect", """{"list":[{"label":"C","value":"c\t"}]}""", "properties: The option \"c\t\" of properties.list begins or ends with a blank; give it without.")]
    [InlineData("lookup", """{"list":["x","y "]}""", "properties: The option \"y \" of properties.list begins or ends with a blank; give it without.")]
    public async Task An_option_no_contact_could_ever_hold_is_a_400(string type, string properties, string message)
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", $$"""{"label":"Choice","type":"{{type}}","properties":{{properties}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, Message(body));
        Assert.Equal(28, (int)(await Get(api, "/api/fields/contact"))["total"]!);
    }

    [Theory]
    [InlineData("select", false)]
    [InlineData("multiselect", false)]
    [InlineData("lookup", false)]
    [InlineData("select", true)]
    public async Task An_option_longer_than_a_value_may_be_is_a_400_naming_it_capped(string type, bool joined)
    {
        await using var api = new ApiFactory(store());
        var (fits, tooLong) = (new string('f', 255), "L" + new string('x', 255));
        JsonNode List(string option) => joined ? $"a|{option}" : new JsonArray("a", option);

        var (status, body) = await Send(api, HttpMethod.Post, "/api/fields/contact/new",
            new JsonObject { ["label"] = "Long", ["type"] = type, ["properties"] = new JsonObject { ["list"] = List(tooLong) } }.ToJsonString());
        await Create(api, "/api/fields/contact/new", "field",
            new JsonObject { ["label"] = "Fits", ["type"] = type, ["properties"] = new JsonObject { ["list"] = List(fits) } }.ToJsonString());
        var contact = await CreateContact(api, $$"""{"email":"long@example.com","fits":"{{fits}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"properties: The option \"L{new string('x', 63)}…\" of properties.list is longer than 255 characters, the longest value of this field.", Message(body));
        Assert.Equal(fits, (string)(await Get(api, $"/api/contacts/{contact}"))["contact"]!["fields"]!["all"]!["fits"]!);
    }

    [Fact]
    public async Task A_select_may_hold_a_bar_in_its_one_value()
    {
        await using var api = new ApiFactory(store());
        await Create(api, "/api/fields/contact/new", "field", """{"label":"Route","type":"select","properties":{"list":[{"label":"A to B","value":"a|b"}]}}""");

        var contact = await CreateContact(api, """{"email":"route@example.com","route":"a|b"}""");

        Assert.Equal("a|b", (string)(await Get(api, $"/api/contacts/{contact}"))["contact"]!["fields"]!["all"]!["route"]!);
    }
}

public sealed class SqliteFieldInputLimitTests() : FieldInputLimitTests(TestStore.Sqlite);

public sealed class PostgreSqlFieldInputLimitTests() : FieldInputLimitTests(TestStore.PostgreSql);
