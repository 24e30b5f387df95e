using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>What a contact field's body may hold: properties of a bounded size, labels without control characters, usable options.</summary>
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
    public async Task An_option_no_contact_could_ever_hold_is_a_400(string type, string properties, string message)
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", $$"""{"label":"Choice","type":"{{type}}","properties":{{properties}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, Message(body));
        Assert.Equal(28, (int)(await Get(api, "/api/fields/contact"))["total"]!);
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
