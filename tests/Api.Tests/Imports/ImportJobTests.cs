using System.Net;
using Actors.Api.Fields;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Fields;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Imports.ImportRequests;
using ContactWrites = Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Imports;

/// <summary>The import as a background job: small batches, stopping it, and racing it with live tracking.</summary>
public abstract class ImportJobTests(Func<TestStore> store)
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

    [Fact]
    public async Task A_stopped_import_applies_no_batch_after_the_stop()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Import:BatchSize"] = "5" });
        var client = api.ApiClient();
        var (_, created) = await Upload(client, People(3000));
        var id = (string)created["import"]!["id"]!;
        while ((int)(await Status(client, id))["insertedCount"]! == 0)
            await Task.Delay(20);

        using var stop = await client.PostAsync($"/api/contacts/import/{id}/stop", null);
        var stopped = await Status(client, id);
        await Task.Delay(500);
        var later = await Status(client, id);

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal("stopped", (string)stopped["status"]!);
        Assert.InRange((int)stopped["insertedCount"]!, 1, 2999);
        Assert.Equal((int)stopped["insertedCount"]!, (int)later["insertedCount"]!);
        Assert.Equal((int)stopped["insertedCount"]!, (await ListContacts(client)).Count);
        Assert.True((double)stopped["progressPercent"]! is > 0 and < 100);
    }

    [Fact]
    public async Task Many_batches_count_every_row_once_with_the_file_lines()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Import:BatchSize"] = "7" });

        var import = await Import(api, People(100) + "bad-email,x\n");

        Assert.Equal(100, (int)import["insertedCount"]!);
        Assert.Equal(1, (int)import["ignoredCount"]!);
        Assert.Equal(102, (int)import["failedLines"]![0]!["line"]!);
        Assert.Equal(100, (await ListContacts(api.ApiClient())).Count);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("256")]
    public async Task Rows_repeating_an_email_update_the_contact_its_first_row_made_whatever_the_rows_in_flight(string concurrentRows)
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?>
        {
            ["Import:BatchSize"] = "100", ["Import:ConcurrentRows"] = concurrentRows,
        });
        var repeated = string.Concat(Enumerable.Range(0, 60).Select(i => $"person{i % 30}@example.com,Take{i}\n"));

        var import = await Import(api, "email,firstname\n" + repeated);

        Assert.Equal(30, (int)import["insertedCount"]!);
        Assert.Equal(30, (int)import["updatedCount"]!);
        var contacts = (await ListContacts(api.ApiClient())).Select(c => c.Value!).ToArray();
        Assert.Equal(30, contacts.Length);
        // Rows sharing an email run in file order, so each contact keeps its last row's name.
        Assert.All(contacts, c => Assert.Equal(30 + int.Parse(Field(c, "email")!["person".Length..^"@example.com".Length]), int.Parse(Field(c, "firstname")!["Take".Length..])));
    }

    [Fact]
    public async Task Rows_naming_one_contact_by_its_id_and_by_its_email_run_in_file_order()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Import:BatchSize"] = "200" });
        var ids = new List<long>();
        for (var person = 0; person < 20; person++)
            ids.Add(await ContactWrites.Create(api, $$"""{"email":"known{{person}}@example.com"}"""));
        // Each contact's rows alternate between its id and its email, its last row by email.
        var rows = string.Concat(Enumerable.Range(0, 6).SelectMany(take => ids.Select((id, person) =>
            take % 2 == 0 ? $"{id},,Take{take}\n" : $",known{person}@example.com,Take{take}\n")));

        var import = await Import(api, "id,email,city\n" + rows);

        Assert.Equal(120, (int)import["updatedCount"]!);
        var contacts = (await ListContacts(api.ApiClient())).Select(c => c.Value!).ToArray();
        Assert.Equal(20, contacts.Length);
        Assert.All(contacts, c => Assert.Equal("Take5", Field(c, "city")));
    }

    // 20-row batches interleave with the hits batch by batch; 200 rows in one batch, all in flight at once, claim their
    // index entries together while the hits claim the same ones.
    [Theory]
    [InlineData("20")]
    [InlineData("200")]
    public async Task An_import_racing_pixel_hits_with_the_same_new_emails_makes_no_duplicate(string batchSize)
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Import:BatchSize"] = batchSize });
        var catalog = api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields);
        await catalog.Upsert((await catalog.Get()).Single(f => f.Alias == "email") with { IsPubliclyUpdatable = true });
        api.Services.GetRequiredService<FieldCatalogCache>().Invalidate();
        const int people = 200;

        var importing = Import(api, People(people));
        var tracking = Task.WhenAll(Enumerable.Range(0, 8).Select(visitor => Task.Run(async () =>
        {
            for (var i = visitor; i < people; i += 8)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F&email=person{i}%40example.com");
                request.Headers.TryAddWithoutValidation("User-Agent", Browser);
                using var response = await api.Visitor().SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        })));
        var import = await importing;
        await tracking;

        Assert.Equal(people, (int)import["insertedCount"]! + (int)import["updatedCount"]!);
        var emails = (await ListContacts(api.ApiClient())).Select(c => Field(c.Value!, "email")).ToArray();
        Assert.Equal(people, emails.Length);
        Assert.Equal(people, emails.Distinct().Count());
    }
}

public sealed class SqliteImportJobTests() : ImportJobTests(TestStore.Sqlite);

public sealed class PostgreSqlImportJobTests() : ImportJobTests(TestStore.PostgreSql);
