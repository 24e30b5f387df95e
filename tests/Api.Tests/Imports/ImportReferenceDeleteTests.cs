using System.Net;
using System.Text;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Stages;
using static Actors.Api.Tests.Imports.ImportRequests;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Imports;

/// <summary>
/// The segment every row joins and the stage the rows enter, deleted while the import runs: as with the membership
/// endpoints and the batch actions, a row written as the delete began takes its change back, so no contact is left
/// in an entry that no longer exists, and the rows still count; a row that starts after it does not join at all, so its
/// contact's timeline shows no join and leave.
/// </summary>
public abstract class ImportReferenceDeleteTests(Func<TestStore> store)
{
    private const int Rows = 300;

    [Fact]
    public async Task A_segment_and_a_stage_deleted_while_the_batch_runs_keep_no_imported_contact_and_later_rows_never_join_them()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?>
        {
            ["Import:BatchSize"] = $"{Rows}", ["Import:ConcurrentRows"] = "1",
        });
        var segment = (long)(await Create(api, "/api/segments/new", "list", """{"name":"Imported"}"""))["id"]!;
        var stage = (long)(await Create(api, "/api/stages/new", "stage", """{"name":"Lead"}"""))["id"]!;
        var (uploaded, created) = await Upload(api.ApiClient(), People(), ("segment", $"{segment}"));
        Assert.Equal(HttpStatusCode.Created, uploaded);

        // One batch, one row at a time: once its first contact exists, most of its rows are still ahead of it.
        while ((await ListContacts(api.ApiClient())).Count == 0)
            await Task.Delay(10);
        Assert.Equal(HttpStatusCode.OK, (await Send(api, HttpMethod.Delete, $"/api/segments/{segment}/delete")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Send(api, HttpMethod.Delete, $"/api/stages/{stage}/delete")).Status);
        var writtenBeforeDeletesEnded = (await ListContacts(api.ApiClient())).Count;
        var import = await WaitUntilEnded(api.ApiClient(), (string)created["import"]!["id"]!, TimeSpan.FromMinutes(3));

        Assert.Equal("imported", (string)import["status"]!);
        Assert.Equal(Rows, (int)import["insertedCount"]!);
        var contacts = await ListContacts(api.ApiClient());
        Assert.Equal(Rows, contacts.Count);
        Assert.True(writtenBeforeDeletesEnded < Rows, "The import ended before the deletes did, so no row started after them.");
        var joined = 0;
        foreach (var id in contacts.Select(c => long.Parse(c.Key)))
        {
            var contact = (await api.Grains.GetContact(id).Get())!;
            Assert.Empty(contact.Segments);
            Assert.Null(contact.Stage);
            if ((await api.Grains.GetContact(id).Timeline()).Any(e => e.Type is "segment_membership" or "stage.changed"))
                joined++;
        }
        // One row at a time: only the row under way as a delete began may have joined and been taken back.
        Assert.InRange(joined, 1, writtenBeforeDeletesEnded + 1);
        Assert.Empty(await api.Grains.GetGrain<IEntityCatalogGrain<Stage>>(Stage.CatalogKey).List());
    }

    [Fact]
    public async Task The_stage_column_names_a_stage_and_a_name_no_stage_has_makes_one()
    {
        await using var api = new ApiFactory(store());
        var lead = (long)(await Create(api, "/api/stages/new", "stage", """{"name":"Lead"}"""))["id"]!;

        var import = await Import(api, "email,stage\na@example.com,lead\nb@example.com,Customer\nc@example.com,customer\n");

        Assert.Equal(3, (int)import["insertedCount"]!);
        var stages = await api.Grains.GetGrain<IEntityCatalogGrain<Stage>>(Stage.CatalogKey).List();
        var customer = Assert.Single(stages, s => s.Name == "Customer").Id;
        Assert.Equal(2, stages.Count);
        var byEmail = (await ListContacts(api.ApiClient())).ToDictionary(c => Field(c.Value!, "email")!, c => long.Parse(c.Key));
        Assert.Equal($"{lead}", (await api.Grains.GetContact(byEmail["a@example.com"]).Get())!.Stage);
        Assert.Equal($"{customer}", (await api.Grains.GetContact(byEmail["b@example.com"]).Get())!.Stage);
        Assert.Equal($"{customer}", (await api.Grains.GetContact(byEmail["c@example.com"]).Get())!.Stage);
    }

    private static string People()
    {
        var csv = new StringBuilder("email,stage\n");
        for (var i = 0; i < Rows; i++)
            csv.Append($"person{i}@example.com,Lead\n");
        return csv.ToString();
    }
}

public sealed class SqliteImportReferenceDeleteTests() : ImportReferenceDeleteTests(TestStore.Sqlite);

public sealed class PostgreSqlImportReferenceDeleteTests() : ImportReferenceDeleteTests(TestStore.PostgreSql);
