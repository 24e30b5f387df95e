using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Imports.ImportRequests;
using ContactWrites = Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Imports;

/// <summary>
/// An import row is held to the REST writes' value rules and required fields (MAUTIC-SPEC 4.1: any field error ignores
/// the row; required fields must be mapped), so that every imported contact could be written back through the API.
/// </summary>
public abstract class ImportValueRuleTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_select_or_multiselect_value_not_in_the_list_ignores_its_row_and_an_imported_contact_can_be_put_back()
    {
        await using var api = new ApiFactory(store());
        await AddChoiceFields(api);

        var import = await Import(api, "email,sel,ms\n" +
            "ok@example.com,a,b| a |b\n" +
            "sel@example.com,zzz,a\n" +
            "ms@example.com,a,a|zzz|a\n");

        Assert.Equal(1, (int)import["insertedCount"]!);
        Assert.Equal(2, (int)import["ignoredCount"]!);
        var problems = import["failedLines"]!.AsArray().ToDictionary(p => (int)p!["line"]!, p => (string)p!["message"]!);
        Assert.Equal("sel: must be one of a, b.", problems[3]);
        Assert.Equal("ms: must be one of a, b (several joined by |).", problems[4]);
        var contact = Assert.Single(await ListContacts(api.ApiClient())).Value!;
        Assert.Equal("b|a", Field(contact, "ms"));
        var all = contact["fields"]!["all"]!.AsObject().Where(f => f.Key != "id").ToDictionary(f => f.Key, f => f.Value?.DeepClone());
        var (put, _) = await ContactWrites.Send(api, HttpMethod.Put, $"/api/contacts/{contact["id"]}/edit", new JsonObject(all).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    [Fact]
    public async Task Every_value_the_api_refuses_ignores_its_import_row_with_the_apis_message()
    {
        await using var api = new ApiFactory(store());
        await AddChoiceFields(api);
        foreach (var (alias, type) in new[] { ("born", "date"), ("seen", "datetime"), ("at", "time"), ("notes", "textarea") })
            await AddField(api, $$"""{"label":"{{alias}}","alias":"{{alias}}","type":"{{type}}"}""");
        var refused = new (string Alias, string Value)[]
        {
            ("sel", "zzz"), ("ms", "zzz"), ("born", "next spring"), ("seen", "soon"), ("at", "25:99"),
            ("firstname", "a\uFFFFb"), ("city", new string('x', 256)), ("notes", new string('x', 65536)),
        };

        var csv = "email," + string.Join(',', refused.Select(r => r.Alias)) + "\n" + string.Concat(refused.Select((r, i) =>
            $"r{i}@example.com," + string.Join(',', refused.Select(c => c.Alias == r.Alias ? r.Value : "")) + "\n"));
        var import = await Import(api, csv);

        Assert.Equal(0, (int)import["insertedCount"]!);
        var problems = import["failedLines"]!.AsArray().ToDictionary(p => (int)p!["line"]!, p => (string)p!["message"]!);
        for (var i = 0; i < refused.Length; i++)
        {
            var body = new JsonObject { ["email"] = $"api{i}@example.com", [refused[i].Alias] = refused[i].Value };
            var (response, answer) = await ContactWrites.Send(api, HttpMethod.Post, "/api/contacts/new", body.ToJsonString());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal((string)answer["errors"]![0]!["message"]!, problems[i + 2]);
        }
        Assert.Empty(await ListContacts(api.ApiClient()));
    }

    [Fact]
    public async Task An_import_leaving_a_required_field_unmapped_is_refused_naming_it_before_any_row()
    {
        await using var api = new ApiFactory(store());
        await AddField(api, """{"label":"Customer number","alias":"customer_no","type":"text","isRequired":true}""");

        var (automatic, refused) = await Upload(api.ApiClient(), "email,firstname\nann@example.com,Ann\n");
        var (mapped, _) = await Upload(api.ApiClient(), "email,firstname,customer_no\nbob@example.com,Bob,c-1\n",
            ("mapping", """{"email":"email","firstname":"firstname"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, automatic);
        Assert.Equal("Required fields must be mapped: no column maps to customer_no.", (string)refused["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, mapped);
        Assert.Empty(await ListContacts(api.ApiClient()));
        Assert.Equal(0, (int)JsonNode.Parse(await api.ApiClient().GetStringAsync("/api/contacts/import"))!["total"]!);
    }

    [Fact]
    public async Task A_row_with_an_empty_required_cell_updates_an_existing_contact_but_creates_none()
    {
        await using var api = new ApiFactory(store());
        await AddField(api, """{"label":"Customer number","alias":"customer_no","type":"text","isRequired":true}""");
        var known = await ContactWrites.Create(api, """{"email":"known@example.com","customer_no":"c-0"}""");

        // Rows 2 and 4 reach one contact by different keys, so they run in file order: the empty cell of row 2 keeps the city.
        var import = await Import(api, "id,email,city,customer_no\n" +
            ",known@example.com,,\n" +
            ",new@example.com,Rome,\n" +
            $"{known},,Paris,\n" +
            ",given@example.com,Lima,c-1\n");

        Assert.Equal(2, (int)import["updatedCount"]!);
        Assert.Equal(1, (int)import["insertedCount"]!);
        var problem = Assert.Single(import["failedLines"]!.AsArray())!;
        Assert.Equal(3, (int)problem["line"]!);
        Assert.True((bool)problem["rowIgnored"]!);
        Assert.Equal("customer_no: A value is required.", (string)problem["message"]!);
        var byEmail = (await ListContacts(api.ApiClient())).ToDictionary(c => Field(c.Value!, "email")!, c => c.Value!);
        Assert.Equal(["given@example.com", "known@example.com"], byEmail.Keys.Order());
        Assert.Equal("c-0", Field(byEmail["known@example.com"], "customer_no"));
        Assert.Equal("Paris", Field(byEmail["known@example.com"], "city"));
    }

    [Fact]
    public async Task A_new_row_lacking_two_required_fields_names_both_as_the_api_does()
    {
        await using var api = new ApiFactory(store());
        await AddField(api, """{"label":"Customer number","alias":"customer_no","type":"text","isRequired":true}""");
        await AddField(api, """{"label":"Tier","alias":"tier","type":"text","isRequired":true}""");

        var import = await Import(api, "email,customer_no,tier\nnew@example.com,,\n");

        var problem = Assert.Single(import["failedLines"]!.AsArray())!;
        Assert.Equal("customer_no: A value is required., tier: A value is required.", (string)problem["message"]!);
        Assert.Empty(await ListContacts(api.ApiClient()));
    }

    private static async Task AddChoiceFields(ApiFactory api)
    {
        const string Options = """{"list":[{"label":"A","value":"a"},{"label":"B","value":"b"}]}""";
        await AddField(api, $$"""{"label":"Sel","alias":"sel","type":"select","properties":{{Options}}}""");
        await AddField(api, $$"""{"label":"Ms","alias":"ms","type":"multiselect","properties":{{Options}}}""");
    }

    internal static async Task AddField(ApiFactory api, string json)
    {
        var (response, body) = await ContactWrites.Send(api, HttpMethod.Post, "/api/fields/contact/new", json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
    }
}

public sealed class SqliteImportValueRuleTests() : ImportValueRuleTests(TestStore.Sqlite);

public sealed class PostgreSqlImportValueRuleTests() : ImportValueRuleTests(TestStore.PostgreSql);
