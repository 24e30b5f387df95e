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
        // PHP's fgetcsv (auto_detect_line_endings off since PHP 8.1) reads it as one line.
        { "lines ended by CRs alone", "email,firstname\ra@example.com,Ann\rb@example.com,Bob\r"u8.ToArray(), "carriage return (CR) alone" },
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
        await AssertNothingImported(api);
    }

    [Theory]
    [InlineData("""{"email":"email","Town":"city"}""", "columns the file does not have: Town")]
    [InlineData("""{"email":"email","city":"shoe_size"}""", "unknown contact fields: shoe_size")]
    [InlineData("""["email"]""", "mapping must be a JSON object")]
    [InlineData("""{"email":{"alias":"email"}}""", "mapping must be a JSON object")]
    [InlineData("""{"email":"email","\ud800":"city"}""", "mapping must be a JSON object")]
    [InlineData("""{"email":"email","email":"firstname"}""", "mapping names the column email more than once")]
    [InlineData("""{"email":"email","city":"email"}""", "More than one column maps to email: email, city")]
    [InlineData("""{"email":"email","email ":"city"}""", "mapping names the column email more than once (\"email\", \"email \")")]
    public async Task A_mapping_naming_an_unknown_column_or_field_is_a_400(string mapping, string problem)
    {
        await using var api = new ApiFactory(store());
        var client = api.ApiClient();

        var (status, body) = await Upload(client, "email,city\na@example.com,Paris\n", ("mapping", mapping));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(problem, (string)body["errors"]![0]!["message"]!);
        await AssertNothingImported(api);
    }

    [Fact]
    public async Task Mapping_fields_naming_one_column_with_and_without_spaces_are_a_400()
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Upload(api.ApiClient(), "Email,First Name\na@example.com,Ann\n",
            ("mapping[Email]", "email"), ("mapping[Email ]", "firstname"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("mapping names the column Email more than once", (string)body["errors"]![0]!["message"]!);
        await AssertNothingImported(api);
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

    [Theory]
    [InlineData("owner", "owner: no published user has the id 999.")]
    [InlineData("segment", "segment: no segment has the id 999.")]
    public async Task A_default_owner_or_segment_that_does_not_exist_is_a_400(string setting, string problem)
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Upload(api.ApiClient(), "email\na@example.com\n", (setting, "999"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(problem, (string)body["errors"]![0]!["message"]!);
        await AssertNothingImported(api);
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
        await AssertNothingImported(api);
    }

    [Fact]
    public async Task A_request_that_is_not_multipart_is_a_400()
    {
        await using var api = new ApiFactory(store());

        using var response = await api.ApiClient().PostAsync("/api/contacts/import", new StringContent("email\na@example.com\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("multipart/form-data", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("delimiter", "\"", null, null, "delimiter and enclosure must differ")]
    [InlineData("enclosure", ",", null, null, "delimiter and enclosure must differ")]
    [InlineData("enclosure", "", "escape", ",", "delimiter and escape must differ")]
    [InlineData("delimiter", "\0", null, null, "delimiter must be one ASCII character other than NUL")]
    [InlineData("enclosure", " ", null, null, "enclosure cannot be a space or a tab")]
    [InlineData("enclosure", "\\t", null, null, "enclosure cannot be a space or a tab")]
    [InlineData("enclosure", "", "escape", " ", "escape cannot be a space or a tab")]
    public async Task Csv_settings_the_reader_refuses_are_a_400_naming_them_and_leave_no_stored_file(string setting, string value, string? other, string? otherValue, string problem)
    {
        await using var api = new ApiFactory(store());
        // The settings come after the file, so the file is stored before they are read and refused.
        using var form = new MultipartFormDataContent { { new ByteArrayContent("email\na@example.com\n"u8.ToArray()), "file", "contacts.csv" }, { new StringContent(value), setting } };
        if (other is not null)
            form.Add(new StringContent(otherValue!), other);

        using var response = await api.ApiClient().PostAsync("/api/contacts/import", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["message"]!);
        await AssertNothingImported(api);
    }

    public static TheoryData<string, byte[]> BrokenBodies => new()
    {
        { "empty", [] },
        { "garbage", "garbage"u8.ToArray() },
        { "cut short in the file", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nemail\na@b.c\n"u8.ToArray() },
        // Over one stored chunk, so part of the file is in the store when the body ends.
        { "cut short past a stored chunk", [.. "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nemail\n"u8,
            .. Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("someone@example.com\n", 60_000)))] },
        { "cut short in a setting", "--b\r\nContent-Disposition: form-data; name=\"delimiter\"\r\n\r\n;"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task A_multipart_body_that_is_cut_short_or_not_multipart_is_a_400_and_leaves_no_stored_file(string kind, byte[] body)
    {
        await using var api = new ApiFactory(store());
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        using var response = await api.ApiClient().PostAsync("/api/contacts/import", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{kind}: {response.StatusCode}");
        Assert.Contains("multipart/form-data", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["message"]!);
        await AssertNothingImported(api);
    }

    private static async Task AssertNothingImported(ApiFactory api)
    {
        var client = api.ApiClient();
        Assert.Empty(await ListContacts(client));
        Assert.Equal(0, (int)JsonNode.Parse(await client.GetStringAsync("/api/contacts/import"))!["total"]!);
        Assert.Equal(0, await StoredFileChunks(api));
    }
}

public sealed class SqliteImportBadInputTests() : ImportBadInputTests(TestStore.Sqlite);

public sealed class PostgreSqlImportBadInputTests() : ImportBadInputTests(TestStore.PostgreSql);
