using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>/api/fields/contact and /api/contacts/list/fields through the real pipeline on a real store.</summary>
public abstract class FieldCatalogApiTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_new_field_gets_an_alias_from_its_label_and_is_usable_at_once_in_create_search_and_where()
    {
        await using var api = new ApiFactory(store());

        var field = await Create(api, "/api/fields/contact/new", "field", """{"label":"Shoe Size","type":"number","group":"personal"}""");
        var id = await CreateContact(api, """{"email":"shoe@example.com","shoe_size":44}""");
        await CreateContact(api, """{"email":"other@example.com","shoe_size":38}""");

        Assert.Equal("shoe_size", (string)field["alias"]!);
        Assert.True((long)field["id"]! > 28);
        Assert.Equal("number", (string)field["type"]!);
        var contact = (await Get(api, $"/api/contacts/{id}"))["contact"]!;
        Assert.Equal(44, (int)contact["fields"]!["personal"]!["shoe_size"]!["value"]!);
        Assert.Equal([id], await Search(api, "shoe_size:44"));
        var where = await Get(api, "/api/contacts?where[0][col]=shoe_size&where[0][expr]=eq&where[0][val]=44");
        Assert.Equal(id.ToString(), Assert.Single(where["contacts"]!.AsObject()).Key);
        var listed = await Get(api, "/api/contacts/list/fields");
        Assert.Equal("shoe_size", (string)listed[field["id"]!.ToString()]!["alias"]!);
        Assert.Equal("firstname", (string)listed["2"]!["alias"]!);
    }

    [Fact]
    public async Task Only_the_products_own_fields_are_fixed_in_a_contact_answer_whatever_group_an_operators_field_is_in()
    {
        await using var api = new ApiFactory(store());
        await Create(api, "/api/fields/contact/new", "field", """{"label":"Loyalty Tier","group":"core"}""");
        var id = await CreateContact(api, """{"email":"tier@example.com","loyalty_tier":"gold"}""");

        var core = (await Get(api, $"/api/contacts/{id}"))["contact"]!["fields"]!["core"]!;

        Assert.Equal("0", (string?)core["loyalty_tier"]!["is_fixed"]);
        Assert.Equal("1", (string?)core["email"]!["is_fixed"]);
    }

    [Fact]
    public async Task A_field_marked_unique_identifies_contacts_on_create_and_in_tracking()
    {
        await using var api = new ApiFactory(store());
        await Create(api, "/api/fields/contact/new", "field",
            """{"label":"Loyalty Id","alias":"loyalty_id","isUniqueIdentifier":true,"isPubliclyUpdatable":true}""");
        var known = await CreateContact(api, """{"firstname":"Kim","loyalty_id":"L-77"}""");

        var (again, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"loyalty_id":"L-77","city":"Oslo"}""");
        var visitor = api.Visitor();
        visitor.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36");
        await visitor.GetAsync("/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F");
        var tracked = await visitor.GetAsync("/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2Fcart&loyalty_id=L-77");

        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(known, (long)body["contact"]!["id"]!);
        Assert.Equal(HttpStatusCode.OK, tracked.StatusCode);
        var pageHits = (await api.Grains.GetContact(known).Timeline()).Count(e => e.Type == "page.hit");
        Assert.Equal(2, pageHits);
    }

    [Fact]
    public async Task Making_a_field_unique_lets_the_values_contacts_already_hold_identify_them()
    {
        await using var api = new ApiFactory(store());
        var field = await Create(api, "/api/fields/contact/new", "field", """{"label":"Member number"}""");
        var member = await CreateContact(api, """{"firstname":"Ola","member_number":"M-1"}""");

        var (patched, _) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{field["id"]}/edit", """{"isUniqueIdentifier":true}""");
        var (again, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"member_number":"M-1","city":"Bergen"}""");

        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(member, (long)body["contact"]!["id"]!);
        Assert.Equal("Bergen", (await api.Grains.GetContact(member).Get())!.Fields["city"]);
    }

    [Fact]
    public async Task Making_a_field_unique_while_contacts_share_a_value_is_refused_and_each_can_still_save_its_value()
    {
        await using var api = new ApiFactory(store());
        var field = await Create(api, "/api/fields/contact/new", "field", """{"label":"Later U","alias":"later_u"}""");
        var first = await CreateContact(api, """{"email":"lu1@example.com","later_u":"same"}""");
        var second = await CreateContact(api, """{"email":"lu2@example.com","later_u":"same"}""");

        var (refused, error) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{field["id"]}/edit", """{"isUniqueIdentifier":true}""");
        var shown = await Get(api, $"/api/fields/contact/{field["id"]}");
        var (firstSaved, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{first}/edit", """{"email":"lu1@example.com","later_u":"same"}""");
        var (secondSaved, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{second}/edit", """{"email":"lu2@example.com","later_u":"other"}""");
        var (made, _) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{field["id"]}/edit", """{"isUniqueIdentifier":true}""");
        var (again, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"later_u":"same","city":"Oslo"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Contains("2 contacts share values of this field (such as \"same\")", Message(error));
        Assert.False((bool)shown["field"]!["isUniqueIdentifier"]!);
        Assert.Equal(HttpStatusCode.OK, firstSaved);
        Assert.Equal(HttpStatusCode.OK, secondSaved);
        Assert.Equal(HttpStatusCode.OK, made);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(first, (long)body["contact"]!["id"]!);
    }

    [Fact]
    public async Task Email_made_unique_again_while_two_contacts_share_one_is_refused()
    {
        await using var api = new ApiFactory(store());
        await Send(api, HttpMethod.Patch, "/api/fields/contact/6/edit", """{"isUniqueIdentifier":false}""");
        var first = await CreateContact(api, """{"email":"twice@example.com"}""");
        var second = await CreateContact(api, """{"email":"twice@example.com"}""");

        var (refused, error) = await Send(api, HttpMethod.Patch, "/api/fields/contact/6/edit", """{"isUniqueIdentifier":true}""");
        var (saved, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{first}/edit", """{"email":"twice@example.com"}""");

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Contains("twice@example.com", Message(error));
        Assert.Equal(HttpStatusCode.OK, saved);
    }

    [Fact]
    public async Task Edits_keep_the_alias_patch_answers_404_for_an_unknown_id_and_put_creates()
    {
        await using var api = new ApiFactory(store());
        var field = await Create(api, "/api/fields/contact/new", "field", """{"label":"Favourite colour"}""");
        var id = (long)field["id"]!;

        var (patched, patch) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{id}/edit", """{"label":"Colour","isRequired":1}""");
        var (missing, _) = await Send(api, HttpMethod.Patch, "/api/fields/contact/9999/edit", """{"label":"x"}""");
        var (created, put) = await Send(api, HttpMethod.Put, "/api/fields/contact/9999/edit", """{"label":"Made by put"}""");
        var (typeChange, _) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{id}/edit", """{"type":"number"}""");

        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal("favourite_colour", (string)patch["field"]!["alias"]!);
        Assert.Equal("Colour", (string)patch["field"]!["label"]!);
        Assert.True((bool)patch["field"]!["isRequired"]!);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("made_by_put", (string)put["field"]!["alias"]!);
        Assert.Equal(HttpStatusCode.BadRequest, typeChange);
    }

    [Fact]
    public async Task A_custom_field_can_be_deleted_and_a_core_field_cannot()
    {
        await using var api = new ApiFactory(store());
        var field = await Create(api, "/api/fields/contact/new", "field", """{"label":"Temporary"}""");
        var contact = await CreateContact(api, """{"email":"temp@example.com","temporary":"old value"}""");

        var (deleted, body) = await Send(api, HttpMethod.Delete, $"/api/fields/contact/{field["id"]}/delete");
        var (again, _) = await Send(api, HttpMethod.Get, $"/api/fields/contact/{field["id"]}");
        var (core, error) = await Send(api, HttpMethod.Delete, "/api/fields/contact/6/delete");
        var (write, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"temporary":"x"}""");

        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal("temporary", (string)body["field"]!["alias"]!);
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal(HttpStatusCode.BadRequest, core);
        Assert.Contains("email is a core field", Message(error));
        Assert.Equal(HttpStatusCode.BadRequest, write);
        await Create(api, "/api/fields/contact/new", "field", """{"label":"Temporary"}""");
        Assert.Null((await Get(api, $"/api/contacts/{contact}"))["contact"]!["fields"]!["all"]!["temporary"]);
    }

    [Fact]
    public async Task A_default_value_is_shown_only_where_a_write_stored_it_as_search_sees_it()
    {
        await using var api = new ApiFactory(store());
        var before = await CreateContact(api, """{"email":"before@example.com"}""");
        await Create(api, "/api/fields/contact/new", "field", """{"label":"Dv","alias":"dv","defaultValue":"DEF"}""");

        var after = await CreateContact(api, """{"email":"after@example.com"}""");

        Assert.Null((await Get(api, $"/api/contacts/{before}"))["contact"]!["fields"]!["all"]!["dv"]);
        Assert.Equal("DEF", (string)(await Get(api, $"/api/contacts/{after}"))["contact"]!["fields"]!["all"]!["dv"]!);
        Assert.Equal([after], await Search(api, "dv:DEF"));
    }

    [Fact]
    public async Task A_taken_alias_answers_422_and_a_made_alias_is_numbered()
    {
        await using var api = new ApiFactory(store());
        await Create(api, "/api/fields/contact/new", "field", """{"label":"Region code","alias":"region_code"}""");

        var (taken, error) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", """{"label":"Other","alias":"Region_Code"}""");
        var numbered = await Create(api, "/api/fields/contact/new", "field", """{"label":"Region code"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken);
        Assert.Equal(422, (int)error["errors"]![0]!["code"]!);
        Assert.Equal("region_code1", (string)numbered["alias"]!);
    }

    [Fact]
    public async Task Select_options_bound_the_values_a_contact_may_hold()
    {
        await using var api = new ApiFactory(store());
        await Create(api, "/api/fields/contact/new", "field",
            """{"label":"Plan","type":"select","properties":{"list":[{"label":"Free","value":"free"},{"label":"Pro","value":"pro"}]}}""");

        var (good, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"plan@example.com","plan":"pro"}""");
        var (bad, error) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"plan2@example.com","plan":"gold"}""");

        Assert.Equal(HttpStatusCode.Created, good);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("plan: must be one of free, pro.", Message(error));
    }

    [Theory]
    [InlineData("{\"label\":", "not valid JSON")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("{\"type\":\"text\"}", "label: A value is required.")]
    [InlineData("{\"label\":[\"x\"]}", "label: Must be a string.")]
    [InlineData("{\"label\":\"x\",\"isPublished\":\"maybe\"}", "isPublished: Must be true or false.")]
    [InlineData("{\"label\":\"x\",\"order\":\"first\"}", "order: Must be a whole number.")]
    [InlineData("{\"label\":\"x\",\"shoe\":1}", "shoe: This is not a member of this resource.")]
    [InlineData("{\"label\":\"x\",\"type\":\"colour\"}", "type: Must be one of")]
    [InlineData("{\"label\":\"x\",\"group\":\"misc\"}", "group: Must be one of")]
    [InlineData("{\"label\":\"x\",\"alias\":\"tags\"}", "alias: 'tags' is reserved")]
    [InlineData("{\"label\":\"x\",\"alias\":\"owner_id\"}", "alias: 'owner_id' is reserved")]
    [InlineData("{\"label\":\"x\",\"alias\":\"segment\"}", "alias: 'segment' is reserved")]
    [InlineData("{\"label\":\"x\",\"alias\":\"is\"}", "alias: 'is' is reserved")]
    [InlineData("{\"label\":\"x\",\"alias\":\"frequencyrules\"}", "alias: 'frequencyrules' is reserved")]
    [InlineData("{\"label\":\"x\",\"type\":\"select\"}", "properties: A select or multiselect field needs its options")]
    [InlineData("{\"label\":\"x\",\"properties\":\"a|b\"}", "properties: Must be an object.")]
    public async Task A_bad_field_body_answers_400_naming_the_member(string json, string message)
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, Message(body));
        Assert.Equal(28, (int)(await Get(api, "/api/fields/contact"))["total"]!);
    }

    [Fact]
    public async Task The_field_list_is_whole_in_catalog_order_unless_paged_ordered_or_searched()
    {
        await using var api = new ApiFactory(store());

        var whole = await Get(api, "/api/fields/contact");
        var page = await Get(api, "/api/fields/contact?orderBy=alias&start=2&limit=2");
        var searched = await Get(api, "/api/fields/contact?search=%22last%20name%22");
        var (unknown, _) = await Send(api, HttpMethod.Get, "/api/fields/contact?orderBy=nope", "");

        var aliases = whole["fields"]!.AsObject().Select(f => (string)f.Value!["alias"]!).ToArray();
        Assert.Equal((int)whole["total"]!, aliases.Length);
        Assert.Equal(aliases.Order(StringComparer.Ordinal).Skip(2).Take(2), page["fields"]!.AsObject().Select(f => (string)f.Value!["alias"]!));
        Assert.Equal((int)whole["total"]!, (int)page["total"]!);
        Assert.Equal(["lastname"], searched["fields"]!.AsObject().Select(f => (string)f.Value!["alias"]!));
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(59)]
    [InlineData(62)]
    public async Task Properties_nested_past_the_limit_are_a_400_on_create_and_edit_and_every_answer_still_reads(int depth)
    {
        await using var api = new ApiFactory(store());
        var contact = await CreateContact(api, """{"email":"deep@example.com"}""");
        var field = (long)(await Create(api, "/api/fields/contact/new", "field", """{"label":"Shallow"}"""))["id"]!;
        var deep = "{\"x\":" + Nested(depth - 1) + "}";

        var (created, error) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", $$"""{"label":"Deep","properties":{{deep}}}""");
        var (edited, _) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{field}/edit", $$"""{"properties":{{deep}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, created);
        Assert.Equal("properties: At most 8 levels of arrays and objects.", Message(error));
        Assert.Equal(HttpStatusCode.BadRequest, edited);
        Assert.Equal(29, (int)(await Get(api, "/api/fields/contact"))["total"]!);
        Assert.Equal("deep@example.com", (string)(await Get(api, $"/api/contacts/{contact}"))["contact"]!["fields"]!["all"]!["email"]!);
        Assert.Equal("1", (string)(await Get(api, "/api/contacts"))["total"]!);
        await CreateContact(api, """{"email":"after@example.com"}""");
    }

    [Fact]
    public async Task Properties_at_the_nesting_limit_are_kept_and_shown_in_every_answer()
    {
        await using var api = new ApiFactory(store());
        var properties = "{\"x\":" + Nested(7) + "}";
        var field = await Create(api, "/api/fields/contact/new", "field", $$"""{"label":"Deep","properties":{{properties}}}""");
        var contact = await CreateContact(api, """{"email":"deep@example.com","deep":"v"}""");

        Assert.Equal(properties, field["properties"]!.ToJsonString());
        var read = (await Get(api, $"/api/contacts/{contact}"))["contact"]!["fields"]!["core"]!["deep"]!;
        Assert.Equal(properties, read["properties"]!.ToJsonString());
        Assert.Equal(properties, (await Get(api, "/api/contacts"))["contacts"]![contact.ToString()]!["fields"]!["core"]!["deep"]!["properties"]!.ToJsonString());
        Assert.Equal(29, (int)(await Get(api, "/api/fields/contact"))["total"]!);
    }

    /// <summary>Arrays <paramref name="levels"/> deep: [[[]]] for 3.</summary>
    private static string Nested(int levels) => new string('[', levels) + new string(']', levels);

    [Theory]
    [InlineData("number", "abc", "defaultValue: Must be a number.")]
    [InlineData("number", "NaN", "defaultValue: Must be a number.")]
    [InlineData("date", "notdate", "defaultValue: Must be a date such as 2026-11-23.")]
    [InlineData("boolean", "maybe", "defaultValue: Must be true or false")]
    [InlineData("select", "gold", "defaultValue: Must be one of free, pro.")]
    [InlineData("email", "nobody", "defaultValue: Must be a valid email.")]
    public async Task A_default_value_its_field_type_refuses_answers_400_on_create_and_edit(string type, string value, string message)
    {
        await using var api = new ApiFactory(store());
        const string Options = ""","properties":{"list":["free","pro"]}""";
        var valid = new Dictionary<string, string> { ["number"] = "7", ["date"] = "2026-11-23", ["boolean"] = "yes", ["select"] = "pro", ["email"] = "a@example.com" };
        var field = await Create(api, "/api/fields/contact/new", "field", $$"""{"label":"Kept","type":"{{type}}","defaultValue":"{{valid[type]}}"{{Options}}}""");

        var (created, refused) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", $$"""{"label":"dv","type":"{{type}}","defaultValue":"{{value}}"{{Options}}}""");
        var (edited, _) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{field["id"]}/edit", $$"""{"defaultValue":"{{value}}"}""");
        var contact = await CreateContact(api, """{"email":"dv@example.com"}""");

        Assert.Equal(HttpStatusCode.BadRequest, created);
        Assert.StartsWith(message, Message(refused));
        Assert.Equal(HttpStatusCode.BadRequest, edited);
        Assert.Equal(type == "boolean" ? "1" : valid[type], (await api.Grains.GetContact(contact).Get())!.Fields["kept"]);
    }

    [Fact]
    public async Task An_over_long_label_answers_400_and_an_unknown_id_404()
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", $$"""{"label":"{{new string('x', 192)}}"}""");
        var (missing, notFound) = await Send(api, HttpMethod.Get, "/api/fields/contact/12345");
        var (word, _) = await Send(api, HttpMethod.Get, "/api/fields/contact/email");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("label: At most 191 characters.", Message(body));
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("Item was not found.", Message(notFound));
        Assert.Equal(HttpStatusCode.NotFound, word);
    }
}

public sealed class SqliteFieldCatalogApiTests() : FieldCatalogApiTests(TestStore.Sqlite);

public sealed class PostgreSqlFieldCatalogApiTests() : FieldCatalogApiTests(TestStore.PostgreSql);
