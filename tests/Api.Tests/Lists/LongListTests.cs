using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Lists;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Lists;

/// <summary>
/// limit=0 (Mautic's "all") and limits past <see cref="StreamedList.BufferedLimit"/> are written as their rows are read,
/// in batches of <see cref="StreamedList.BatchSize"/>; the answer must be the one a page read whole gives, byte for byte.
/// </summary>
public abstract class LongListTests(Func<TestStore> store)
{
    /// <summary>More rows than two batches of the streamed list, and fewer than a page read whole.</summary>
    private const int Rows = 2 * StreamedList.BatchSize + 50;

    [Fact]
    public async Task Limit_0_lists_every_contact_in_order_with_the_bytes_of_a_page_read_whole()
    {
        await using var api = new ApiFactory(store());
        await CreateAsync(api, "/api/contacts/batch/new", i => $$"""{"firstname":"Ann{{i}}","email":"ann{{i}}@example.com","tags":["t{{i % 3}}"]}""");
        var client = api.ApiClient();

        var all = await TextAsync(client, "/api/contacts?limit=0&orderBy=email");
        var streamed = await TextAsync(client, $"/api/contacts?limit={StreamedList.BufferedLimit + 1}&orderBy=email");
        var whole = await TextAsync(client, $"/api/contacts?limit={StreamedList.BufferedLimit}&orderBy=email");
        var paged = new List<KeyValuePair<string, JsonNode?>>();
        for (var start = 0; start < Rows; start += 40)
            paged.AddRange(JsonNode.Parse(await TextAsync(client, $"/api/contacts?start={start}&limit=40&orderBy=email"))!["contacts"]!.AsObject()
                .Select(entry => KeyValuePair.Create(entry.Key, entry.Value?.DeepClone())));

        Assert.Equal(whole, all);
        Assert.Equal(whole, streamed);
        var listed = JsonNode.Parse(all)!;
        Assert.Equal(Rows.ToString(), (string)listed["total"]!);
        var contacts = listed["contacts"]!.AsObject().ToArray();
        Assert.Equal(Enumerable.Range(0, Rows).Select(i => $"ann{i}@example.com").Order(StringComparer.Ordinal),
            contacts.Select(c => (string)c.Value!["fields"]!["all"]!["email"]!));
        Assert.Equal(paged.Select(c => c.Key), contacts.Select(c => c.Key));
        Assert.Equal(paged.Select(c => c.Value!.ToJsonString()), contacts.Select(c => c.Value!.ToJsonString()));
    }

    [Fact]
    public async Task Limit_0_lists_every_company_with_the_bytes_of_a_page_read_whole()
    {
        await using var api = new ApiFactory(store());
        await CreateAsync(api, "/api/companies/batch/new", i => $$"""{"companyname":"Company {{i:D3}}"}""");
        var client = api.ApiClient();

        var all = await TextAsync(client, "/api/companies?limit=0&orderBy=companyname&orderByDir=desc");
        var whole = await TextAsync(client, $"/api/companies?limit={StreamedList.BufferedLimit}&orderBy=companyname&orderByDir=desc");

        Assert.Equal(whole, all);
        var companies = JsonNode.Parse(all)!["companies"]!.AsObject();
        Assert.Equal(Rows, (long)JsonNode.Parse(all)!["total"]!);
        Assert.Equal(Enumerable.Range(0, Rows).Reverse().Select(i => $"Company {i:D3}"),
            companies.Select(c => (string)c.Value!["fields"]!["all"]!["companyname"]!));
    }

    /// <summary>Creates <see cref="Rows"/> entries through a batch endpoint, 200 at a time (its limit).</summary>
    private static async Task CreateAsync(ApiFactory api, string path, Func<int, string> entry)
    {
        var client = api.ApiClient();
        for (var first = 0; first < Rows; first += 200)
        {
            var body = "[" + string.Join(",", Enumerable.Range(first, Math.Min(200, Rows - first)).Select(entry)) + "]";
            var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    private static async Task<string> TextAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

public sealed class SqliteLongListTests() : LongListTests(TestStore.Sqlite);

public sealed class PostgreSqlLongListTests() : LongListTests(TestStore.PostgreSql);
