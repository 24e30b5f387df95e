using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Grains.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Imports;

/// <summary>Uploading a CSV to /api/contacts/import and waiting for the import to end, as a client of the API would.</summary>
internal static class ImportRequests
{
    public static Task<(HttpStatusCode Status, JsonNode Body)> Upload(HttpClient client, string csv, params (string Name, string Value)[] settings)
        => Upload(client, Encoding.UTF8.GetBytes(csv), settings);

    public static async Task<(HttpStatusCode Status, JsonNode Body)> Upload(HttpClient client, byte[] file, params (string Name, string Value)[] settings)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in settings)
            form.Add(new StringContent(value), name);
        form.Add(new ByteArrayContent(file), "file", "contacts.csv");
        using var response = await client.PostAsync("/api/contacts/import", form);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>A file of <paramref name="count"/> new people: email person{i}@example.com, first name Person {i}.</summary>
    public static string People(int count)
    {
        var csv = new StringBuilder("email,firstname\n");
        for (var i = 0; i < count; i++)
            csv.Append($"person{i}@example.com,Person {i}\n");
        return csv.ToString();
    }

    /// <summary>Imports the file and answers the import once it has ended.</summary>
    public static async Task<JsonNode> Import(ApiFactory api, string csv, params (string Name, string Value)[] settings)
    {
        var client = api.ApiClient();
        var (status, body) = await Upload(client, csv, settings);
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
        return await WaitUntilEnded(client, (string)body["import"]!["id"]!);
    }

    public static async Task<JsonNode> WaitUntilEnded(HttpClient client, string importId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            var import = await Status(client, importId);
            if ((string)import["status"]! is "imported" or "failed" or "stopped")
                return import;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The import did not end in time: {import.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    public static async Task<JsonNode> Status(HttpClient client, string importId)
        => JsonNode.Parse(await client.GetStringAsync($"/api/contacts/import/{importId}"))!["import"]!;

    /// <summary>Every listed contact (the list endpoint with no limit), by id.</summary>
    public static async Task<JsonObject> ListContacts(HttpClient client, string search = "")
        => JsonNode.Parse(await client.GetStringAsync($"/api/contacts?limit=0&search={Uri.EscapeDataString(search)}"))!["contacts"]!.AsObject();

    /// <summary>Chunks in the import_files table, whichever import they belong to.</summary>
    public static async Task<long> StoredFileChunks(ApiFactory api)
    {
        SqlStore store = api.Store.Settings["Storage:Provider"] == "Sqlite"
            ? api.Services.GetRequiredService<SqliteStore>()
            : api.Services.GetRequiredService<PostgreSqlStore>();
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM import_files";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static string? Field(JsonNode contact, string alias) => (string?)contact["fields"]!["all"]![alias];
}
