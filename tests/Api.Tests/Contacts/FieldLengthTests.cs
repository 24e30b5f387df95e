using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Contacts.ContactWriteTests;
using static Actors.Api.Tests.Imports.ImportRequests;
using static Actors.Api.Tests.Imports.ImportValueRuleTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// How long a value may be: in characters (code points, as MySQL counts Mautic's columns), 255 for most fields and
/// Contacts:MaxTextareaLength (65535) for a textarea, Mautic's TEXT column; the stores keep and answer what is accepted.
/// </summary>
public abstract class FieldLengthTests(Func<TestStore> store)
{
    private const string Emoji = "\U0001F600";

    [Fact]
    public async Task A_textarea_takes_values_up_to_its_own_limit_through_the_api_and_the_import_and_answers_them_whole()
    {
        await using var api = new ApiFactory(store());
        await AddField(api, """{"label":"Notes","alias":"notes","type":"textarea"}""");
        var longest = string.Concat(Enumerable.Repeat(Emoji + "note ", 65535 / 6)) + new string('x', 65535 % 6);

        var (created, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", new JsonObject { ["email"] = "a@example.com", ["notes"] = longest }.ToJsonString());
        var (over, refused) = await Send(api, HttpMethod.Post, "/api/contacts/new", new JsonObject { ["email"] = "b@example.com", ["notes"] = longest + "x" }.ToJsonString());
        var (city, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", new JsonObject { ["email"] = "c@example.com", ["city"] = new string('x', 256) }.ToJsonString());
        var import = await Import(api, $"email,notes\nd@example.com,{new string('y', 5000)}\n");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Equal("notes: is longer than 65535 characters.", (string)refused["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, city.StatusCode);
        Assert.Equal(1, (int)import["insertedCount"]!);
        var (_, read) = await Send(api, HttpMethod.Get, $"/api/contacts/{body["contact"]!["id"]}", "");
        Assert.Equal(longest, (string)read["contact"]!["fields"]!["all"]!["notes"]!);
        var listed = (await ListContacts(api.ApiClient())).ToDictionary(c => Field(c.Value!, "email")!, c => Field(c.Value!, "notes"));
        Assert.Equal(longest, listed["a@example.com"]);
        Assert.Equal(new string('y', 5000), listed["d@example.com"]);
    }

    [Fact]
    public async Task A_textarea_cannot_be_a_unique_identifier()
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", """{"label":"Bio","type":"textarea","isUniqueIdentifier":true}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body["errors"]![0]!["details"]!["isUniqueIdentifier"]);
    }

    [Fact]
    public async Task Lengths_count_characters_so_255_emoji_fit_a_field_a_company_and_an_import_row()
    {
        await using var api = new ApiFactory(store());
        var fits = string.Concat(Enumerable.Repeat(Emoji, 255));

        var (created, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", new JsonObject { ["email"] = "a@example.com", ["firstname"] = fits }.ToJsonString());
        var (over, refused) = await Send(api, HttpMethod.Post, "/api/contacts/new", new JsonObject { ["email"] = "b@example.com", ["firstname"] = fits + Emoji }.ToJsonString());
        var (company, _) = await Send(api, HttpMethod.Post, "/api/companies/new", new JsonObject { ["companyname"] = fits }.ToJsonString());
        var import = await Import(api, $"email,firstname\nc@example.com,{fits}\nd@example.com,{fits}x\n");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(fits, (string)body["contact"]!["fields"]!["all"]!["firstname"]!);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Equal("firstname: is longer than 255 characters.", (string)refused["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.Created, company.StatusCode);
        Assert.Equal(1, (int)import["insertedCount"]!);
        Assert.Equal("firstname: is longer than 255 characters.", (string)Assert.Single(import["failedLines"]!.AsArray())!["message"]!);
    }
}

public sealed class SqliteFieldLengthTests() : FieldLengthTests(TestStore.Sqlite);

public sealed class PostgreSqlFieldLengthTests() : FieldLengthTests(TestStore.PostgreSql);
