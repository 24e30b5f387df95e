using System.Net;
using System.Text;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Imports.ImportRequests;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Imports;

/// <summary>
/// A field the mapping names, deleted while the import runs: the import fails naming it, with the rows it applied
/// counted, and never writes the file's values into a field made again with the alias.
/// </summary>
public abstract class ImportFieldDeleteTests(Func<TestStore> store)
{
    private const string FieldJson = """{"label":"Loyalty","alias":"loyalty"}""";

    [Fact]
    public async Task A_mapped_field_deleted_and_made_again_between_batches_fails_the_import_and_leaves_the_new_field_empty()
    {
        const int batchSize = 50, batchesBefore = 2;
        // The upload reads the file once to count its rows, then each batch reads it.
        var third = new ImportFileStoreGate(readsLetThrough: 1 + batchesBefore);
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Import:BatchSize"] = $"{batchSize}" }, third.Install);
        var field = await Create(api, "/api/fields/contact/new", "field", FieldJson);
        var (uploaded, created) = await Upload(api.ApiClient(), Rows(15_000));
        Assert.Equal(HttpStatusCode.Created, uploaded);

        // The job waits to read its third batch while the field is deleted and made again.
        await third.Reached.WaitAsync(TimeSpan.FromMinutes(1));
        var (deleted, _) = await Send(api, HttpMethod.Delete, $"/api/fields/contact/{field["id"]}/delete");
        Assert.Equal(HttpStatusCode.OK, deleted);
        await Create(api, "/api/fields/contact/new", "field", FieldJson);
        third.Release();
        var import = await WaitUntilEnded(api.ApiClient(), (string)created["import"]!["id"]!);

        const int imported = batchSize * batchesBefore;
        Assert.Equal("failed", (string)import["status"]!);
        Assert.Equal($"The field 'loyalty' was deleted while the import ran; {imported} lines were imported before it.", (string)import["failureReason"]!);
        Assert.Equal(imported, (int)import["insertedCount"]!);
        Assert.Equal(0, (int)import["updatedCount"]!);
        Assert.Equal(0, (int)import["ignoredCount"]!);
        Assert.Equal(imported + 1, (int)import["lastLine"]!);
        var contacts = await ListContacts(api.ApiClient());
        Assert.Equal(imported, contacts.Count);
        Assert.All(contacts, c => Assert.Null(Field(c.Value!, "loyalty")));
        Assert.Empty(await Search(api, $"loyalty:gold{imported}"));
    }

    [Fact]
    public async Task A_mapped_field_deleted_while_the_last_batch_runs_fails_the_import_with_every_row_counted()
    {
        const int rows = 400;
        await using var api = new ApiFactory(store(), new Dictionary<string, string?>
        {
            ["Import:BatchSize"] = $"{rows}", ["Import:ConcurrentRows"] = "1",
        });
        var field = await Create(api, "/api/fields/contact/new", "field", FieldJson);
        var (_, created) = await Upload(api.ApiClient(), Rows(rows));

        // One batch, one row at a time: once its first contact exists, the batch has most of its rows ahead of it.
        while ((await ListContacts(api.ApiClient())).Count == 0)
            await Task.Delay(10);
        var (deleted, _) = await Send(api, HttpMethod.Delete, $"/api/fields/contact/{field["id"]}/delete");
        Assert.Equal(HttpStatusCode.OK, deleted);
        var import = await WaitUntilEnded(api.ApiClient(), (string)created["import"]!["id"]!, TimeSpan.FromMinutes(3));

        Assert.Equal("failed", (string)import["status"]!);
        Assert.Equal($"The field 'loyalty' was deleted while the import ran; {rows} lines were imported before it.", (string)import["failureReason"]!);
        Assert.Equal(rows, (int)import["insertedCount"]!);
        await Create(api, "/api/fields/contact/new", "field", FieldJson);
        var contacts = await ListContacts(api.ApiClient());
        Assert.Equal(rows, contacts.Count);
        Assert.All(contacts, c => Assert.Null(Field(c.Value!, "loyalty")));
    }

    private static string Rows(int count)
    {
        var csv = new StringBuilder("email,loyalty\n");
        for (var i = 0; i < count; i++)
            csv.Append($"person{i}@example.com,gold{i}\n");
        return csv.ToString();
    }
}

public sealed class SqliteImportFieldDeleteTests() : ImportFieldDeleteTests(TestStore.Sqlite);

public sealed class PostgreSqlImportFieldDeleteTests() : ImportFieldDeleteTests(TestStore.PostgreSql);
