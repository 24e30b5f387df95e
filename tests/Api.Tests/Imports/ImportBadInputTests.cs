using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Imports;

/// <summary>A file that cannot be imported is refused with a 4xx naming the problem before any row is applied, and leaves no import behind.</summary>
public abstract class ImportBadInputTests(Func<TestStore> store)
{
    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "not UTF-8", [.. "email\n"u8, 0xE9, .. "t\u00e9@example.com\n"u8], "not UTF-8" },
        { "UTF-16 with a byte order mark", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("email\na@example.com\n")], "not UTF-8" },
        { "UTF-16 without one", Encoding.Unicode.GetBytes("email\na@example.com\n"), "not a UTF-8 CSV text file" },
        { "binary", [.. "email\n"u8, 0x00, 0x01, .. "a@example.com\n"u8], "not a UTF-8 CSV text file" },
        { "empty", [], "empty" },
        { "blank", " \r\n \n"u8.ToArray(), "empty" },
        { "header only", "email,firstname\n"u8.ToArray(), "no rows" },
        { "no column maps", "colour,size\nred,10\n"u8.ToArray(), "No column of the file maps to a contact field" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_a_400_naming_the_problem_and_applies_nothing(string kind, byte[] file, string problem)
    {
        await using var api = new ApiFactory(store());
        var client = api.ApiClient();

        var (status, body) = await Upload(client, file);

        Assert.True(status == HttpStatusCode.BadRequest, $"{kind}: {status} {body.ToJsonString()}");
        Assert.Equal(400, (int)body["errors"]![0]!["code"]!);
        Assert.Contains(problem, (string)body["errors"]![0]!["message"]!);
        await AssertNothingImported(client);
    }

    [Theory]
    [InlineData("""{"email":"email","Town":"city"}""", "columns the file does not have: Town")]
    [InlineData("""{"email":"email","city":"shoe_size"}""", "unknown contact fields: shoe_size")]
    [InlineData("""["email"]""", "mapping must be a JSON object")]
    public async Task A_mapping_naming_an_unknown_column_or_field_is_a_400(string mapping, string problem)
    {
        await using var api = new ApiFactory(store());
        var client = api.ApiClient();

        var (status, body) = await Upload(client, "email,city\na@example.com,Paris\n", ("mapping", mapping));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(problem, (string)body["errors"]![0]!["message"]!);
        await AssertNothingImported(client);
    }

    [Theory]
    [InlineData("delimiter", ";;")]
    [InlineData("owner", "jim")]
    [InlineData("skipIfExists", "perhaps")]
    public async Task A_bad_setting_is_a_400_naming_it(string setting, string value)
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Upload(api.ApiClient(), "email\na@example.com\n", (setting, value));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(setting, (string)body["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task A_file_over_Import_MaxFileBytes_is_a_413()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Import:MaxFileBytes"] = "100" });
        var client = api.ApiClient();
        var csv = "email\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"user{i}@example.com\n"));

        var (status, body) = await Upload(client, csv);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Import:MaxFileBytes (100 bytes)", (string)body["errors"]![0]!["message"]!);
        await AssertNothingImported(client);
    }

    [Fact]
    public async Task A_request_that_is_not_multipart_is_a_400()
    {
        await using var api = new ApiFactory(store());

        using var response = await api.ApiClient().PostAsync("/api/contacts/import", new StringContent("email\na@example.com\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("multipart/form-data", await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertNothingImported(HttpClient client)
    {
        Assert.Empty(await ListContacts(client));
        Assert.Equal(0, (int)JsonNode.Parse(await client.GetStringAsync("/api/contacts/import"))!["total"]!);
    }
}

public sealed class SqliteImportBadInputTests() : ImportBadInputTests(TestStore.Sqlite);

public sealed class PostgreSqlImportBadInputTests() : ImportBadInputTests(TestStore.PostgreSql);
