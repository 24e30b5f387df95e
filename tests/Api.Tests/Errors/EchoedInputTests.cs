using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Errors;

/// <summary>
/// An error repeats at most the first 64 characters of the name or value it refuses, and an ellipsis, in its message and
/// its details alike, so a request naming a field of a mebibyte gets a short 400 rather than one twice its size; and an
/// error listing names lists ten of them and counts the rest.
/// </summary>
public abstract class EchoedInputTests(Func<TestStore> store)
{
    static readonly string Huge = new('x', (1 << 20) - 100);
    static readonly string Shown = new string('x', 64) + "…";

    [Fact]
    public async Task An_unknown_field_named_by_a_mebibyte_is_echoed_capped_in_json_and_form_bodies()
    {
        await using var api = new ApiFactory(store());

        var json = await Post(api, "/api/contacts/new", new StringContent(
            new JsonObject { ["email"] = "jim@example.com", [Huge] = "1" }.ToJsonString(), Encoding.UTF8, "application/json"));
        var form = await Post(api, "/api/contacts/new", new FormUrlEncodedContent([KeyValuePair.Create(Huge, "1")]));
        var company = await Post(api, "/api/companies/new", new StringContent(
            new JsonObject { ["companyname"] = "Acme", [Huge] = "1" }.ToJsonString(), Encoding.UTF8, "application/json"));

        foreach (var (body, unknown) in new[] { (json, "contact fields"), (form, "contact fields"), (company, "company fields") })
        {
            Assert.Equal($"Unknown {unknown}: {Shown}.", (string)body["errors"]![0]!["message"]!);
            Assert.Equal(Shown, (string)body["errors"]![0]!["details"]!["fields"]![0]!);
        }
    }

    [Fact]
    public async Task A_property_named_twice_is_echoed_capped_with_its_path()
    {
        await using var api = new ApiFactory(store());
        var name = new string('y', 1000);

        var body = await Post(api, "/api/contacts/new", new StringContent(
            $$$"""{"{{{name}}}":{"{{{name}}}":1,"{{{name}}}":2}}""", Encoding.UTF8, "application/json"));

        var capped = new string('y', 64) + "…";
        Assert.Equal($"The request body names the property '{capped}' more than once in one object (at $.{capped}).", (string)body["errors"]![0]!["message"]!);
        Assert.Equal(capped, (string)body["errors"]![0]!["details"]!["property"]!);
    }

    [Theory]
    [InlineData("orderBy={0}", "orderBy: \"{1}\" is not a contact column.")]
    [InlineData("order[0][col]={0}", "order[0][col]: \"{1}\" is not a contact column.")]
    [InlineData("where[0][col]={0}&where[0][expr]=eq&where[0][val]=1", "where[0][col]: \"{1}\" is not a contact column.")]
    [InlineData("where[0][col]=points&where[0][expr]={0}&where[0][val]=1", "where[0][expr]: \"{1}\" is not a where expression.")]
    [InlineData("where[0][col]=points&where[0][expr]=eq&where[0][val]={0}", "The column points holds whole numbers; \"{1}\" is not one.")]
    [InlineData("where[{0}]=1", "where[{1}] must be an array with col, expr and val.")]
    public async Task A_list_parameter_naming_nothing_is_echoed_capped(string query, string message)
    {
        await using var api = new ApiFactory(store());
        var name = new string('z', 4000);

        var response = await api.ApiClient().GetAsync("/api/contacts?" + string.Format(query, name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(string.Format(message, name, new string('z', 64) + "…"), (string)body["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task An_error_listing_thousands_of_unknown_names_lists_ten_and_counts_the_rest()
    {
        await using var api = new ApiFactory(store());
        var names = Enumerable.Range(0, 5000).Select(i => $"n{i}").ToArray();
        var first = string.Join(", ", names.Take(10));
        JsonObject Body(string name, string value) => new([KeyValuePair.Create(name, (JsonNode?)value), .. names.Select(n => KeyValuePair.Create(n, (JsonNode?)"1"))]);
        StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

        var contact = await Post(api, "/api/contacts/new", Json(Body("email", "jim@example.com")));
        var company = await Post(api, "/api/companies/new", Json(Body("companyname", "Acme")));
        var campaign = await Post(api, "/api/campaigns/new", Json(Body("name", "Spring")));
        var segment = await Post(api, "/api/segments/new", Json(Body("name", "Spring")), maxLength: 2000);
        var columns = await Post(api, "/api/contacts/import", Upload(string.Join(",", names) + "\n1\n"));
        var mapping = await Post(api, "/api/contacts/import", Upload("email\na@example.com\n", Body("email", "email").ToJsonString()));

        Assert.Equal($"Unknown contact fields: {first} and 4990 more.", Message(contact));
        Assert.Equal(names.Take(10), contact["errors"]![0]!["details"]!["fields"]!.AsArray().Select(n => (string)n!));
        Assert.Equal($"Unknown company fields: {first} and 4990 more.", Message(company));
        Assert.Equal(10, company["errors"]![0]!["details"]!["fields"]!.AsArray().Count);
        Assert.Equal($"Unknown campaign properties: {first} and 4990 more.", Message(campaign));
        Assert.Equal(string.Join(", ", names.Take(10).Select(n => $"{n}: This is not a member of this resource.")) + ", and 4990 more: Not members of this resource either.",
            Message(segment));
        Assert.Equal(11, segment["errors"]![0]!["details"]!.AsObject().Count);
        Assert.Equal($"No column of the file maps to a contact field (columns: {first} and 4990 more). Give a mapping, or name the columns after field aliases.", Message(columns));
        Assert.Equal($"The mapping names columns the file does not have: {first} and 4990 more.", Message(mapping));
    }

    static MultipartFormDataContent Upload(string csv, string? mapping = null)
    {
        var form = new MultipartFormDataContent();
        if (mapping is not null)
            form.Add(new StringContent(mapping), "mapping");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "contacts.csv");
        return form;
    }

    static string Message(JsonNode body) => (string)body["errors"]![0]!["message"]!;

    static async Task<JsonNode> Post(ApiFactory api, string url, HttpContent content, int maxLength = 1000)
    {
        var response = await api.ApiClient().PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
        Assert.True(text.Length < maxLength, $"An answer of {text.Length} characters.");
        return JsonNode.Parse(text)!;
    }
}

public sealed class SqliteEchoedInputTests() : EchoedInputTests(TestStore.Sqlite);

public sealed class PostgreSqlEchoedInputTests() : EchoedInputTests(TestStore.PostgreSql);
