using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Tags;
using static Actors.Api.Tests.Imports.ImportRequests;
using ContactWrites = Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Imports;

/// <summary>The row rules of MAUTIC-SPEC 4.1 through the real pipeline: upload, the background job, and the contacts it wrote.</summary>
public abstract class ImportRowRuleTests(Func<TestStore> store)
{
    [Fact]
    public async Task Headers_are_normalised_to_field_aliases_and_rows_insert_or_update_by_email()
    {
        await using var api = new ApiFactory(store());
        var existing = await ContactWrites.Create(api, """{"email":"ann@example.com","firstname":"Ann","city":"Rome"}""");

        var import = await Import(api, "First Name,E_mail,Email,City\nAnnie,,ANN@example.com,Paris\nBob,,bob@example.com,Berlin\n");

        Assert.Equal("imported", (string)import["status"]!);
        Assert.Equal(1, (int)import["insertedCount"]!);
        Assert.Equal(1, (int)import["updatedCount"]!);
        Assert.Equal(0, (int)import["ignoredCount"]!);
        Assert.Equal(2, (int)import["lineCount"]!);
        Assert.Equal(100, (double)import["progressPercent"]!);
        Assert.Equal("firstname", (string)import["properties"]!["fields"]!["First Name"]!);
        Assert.Equal("email", (string)import["properties"]!["fields"]!["Email"]!);
        Assert.Null(import["properties"]!["fields"]!["E_mail"]);
        var contacts = await ListContacts(api.ApiClient());
        Assert.Equal(2, contacts.Count);
        var ann = contacts[existing.ToString()]!;
        Assert.Equal("Annie", Field(ann, "firstname"));
        Assert.Equal("Paris", Field(ann, "city"));
        var bob = contacts.Single(c => c.Key != existing.ToString()).Value!;
        Assert.Equal("bob@example.com", Field(bob, "email"));
        var annEvents = await api.Grains.GetContact(existing).Timeline();
        var imported = Assert.Single(annEvents, e => e.Type == "lead.imported");
        Assert.Equal("updated", imported.Details["outcome"]);
        Assert.Equal("2", imported.Details["line"]);
        Assert.Contains(await api.Grains.GetContact((long)bob["id"]!).Timeline(), e => e.Type == "lead.imported" && e.Details["outcome"] == "inserted");
    }

    [Fact]
    public async Task Empty_cells_never_overwrite_and_a_literal_NULL_clears()
    {
        await using var api = new ApiFactory(store());
        var id = await ContactWrites.Create(api, """{"email":"ann@example.com","firstname":"Ann","city":"Rome","company":"Acme"}""");

        await Import(api, "email,firstname,city,company\nann@example.com,,NULL,Globex\n");

        var ann = (await ListContacts(api.ApiClient()))[id.ToString()]!;
        Assert.Equal("Ann", Field(ann, "firstname"));
        Assert.Null(Field(ann, "city"));
        Assert.Equal("Globex", Field(ann, "company"));
    }

    [Fact]
    public async Task Booleans_take_mautics_spellings_and_another_value_is_left_out_and_reported()
    {
        await using var api = new ApiFactory(store());
        await api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields)
            .Upsert(new FieldDefinition("newsletter", "Newsletter", "boolean", "core", false, false, null, true));
        var spellings = new[] { "1", "TRUE", "on", "Yes", "y", "t", "0", "false", "OFF", "no", "N", "f", "maybe" };
        var csv = "email,newsletter\n" + string.Concat(spellings.Select((s, i) => $"b{i}@example.com,{s}\n"));

        var import = await Import(api, csv);

        Assert.Equal(13, (int)import["insertedCount"]!);
        var problem = Assert.Single(import["failedLines"]!.AsArray());
        Assert.Equal(14, (int)problem!["line"]!);
        Assert.False((bool)problem["rowIgnored"]!);
        Assert.Contains("'maybe' is not a boolean", (string)problem["message"]!);
        var byEmail = (await ListContacts(api.ApiClient())).ToDictionary(c => Field(c.Value!, "email")!, c => c.Value!);
        for (var i = 0; i < 6; i++)
            Assert.Equal("1", Field(byEmail[$"b{i}@example.com"], "newsletter"));
        for (var i = 6; i < 12; i++)
            Assert.Equal("0", Field(byEmail[$"b{i}@example.com"], "newsletter"));
        Assert.Null(Field(byEmail["b12@example.com"], "newsletter"));
    }

    [Fact]
    public async Task Dates_are_stored_in_their_types_form_and_multiselect_values_and_tags_split_on_pipes()
    {
        await using var api = new ApiFactory(store());
        var catalog = api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields);
        await catalog.Upsert(new FieldDefinition("birthday", "Birthday", "date", "personal", false, false, null, true));
        await catalog.Upsert(new FieldDefinition("interests", "Interests", "multiselect", "personal", false, false, null, true));

        var import = await Import(api, "email,birthday,attribution_date,interests,tags\n" +
            "d@example.com,1990-03-04,2026-11-02T10:20:30+01:00, golf | | chess ,vip|new\n" +
            "z@example.com,0000-00-00,,,\n");

        Assert.Equal(2, (int)import["insertedCount"]!);
        var byEmail = (await ListContacts(api.ApiClient())).ToDictionary(c => Field(c.Value!, "email")!, c => c.Value!);
        var d = byEmail["d@example.com"];
        Assert.Equal("1990-03-04", Field(d, "birthday"));
        Assert.Equal("2026-11-02 09:20:30", Field(d, "attribution_date"));
        Assert.Equal("golf|chess", Field(d, "interests"));
        Assert.Equal(["new", "vip"], d["tags"]!.AsArray().Select(t => (string)t!["tag"]!).Order());
        Assert.Null(Field(byEmail["z@example.com"], "birthday"));
    }

    [Fact]
    public async Task A_row_that_creates_a_contact_gets_the_defaults_of_fields_it_leaves_empty_and_a_row_that_updates_one_does_not()
    {
        await using var api = new ApiFactory(store());
        var kept = await ContactWrites.Create(api, """{"email":"kept@example.com"}""");
        await ImportValueRuleTests.AddField(api, """{"label":"Plan","alias":"plan","type":"text","defaultValue":"free"}""");
        await ImportValueRuleTests.AddField(api, """{"label":"Region","alias":"region","type":"text","defaultValue":"emea"}""");
        await ImportValueRuleTests.AddField(api, """{"label":"Tier","alias":"tier","type":"text","isRequired":true,"defaultValue":"basic"}""");

        var import = await Import(api, "email,plan,tier\nkept@example.com,,\nnew@example.com,NULL,\nset@example.com,pro,gold\n");

        // Mautic's LeadModel::import fills defaults for a new contact only; a NULL cell is a value (empty), not a gap.
        Assert.Equal(2, (int)import["insertedCount"]!);
        Assert.Equal(1, (int)import["updatedCount"]!);
        var byEmail = (await ListContacts(api.ApiClient())).ToDictionary(c => Field(c.Value!, "email")!, c => c.Value!);
        Assert.Equal(kept, (long)byEmail["kept@example.com"]["id"]!);
        Assert.Equal([null, null, null], new[] { "plan", "region", "tier" }.Select(alias => Field(byEmail["kept@example.com"], alias)));
        Assert.Equal([null, "emea", "basic"], new[] { "plan", "region", "tier" }.Select(alias => Field(byEmail["new@example.com"], alias)));
        Assert.Equal(["pro", "emea", "gold"], new[] { "plan", "region", "tier" }.Select(alias => Field(byEmail["set@example.com"], alias)));
    }

    [Fact]
    public async Task An_id_column_updates_that_contact_following_its_merge()
    {
        await using var api = new ApiFactory(store());
        var winner = await ContactWrites.Create(api, """{"email":"win@example.com"}""");
        var loser = await ContactWrites.Create(api, """{"email":"lose@example.com"}""");
        Assert.Equal(MergeOutcome.Merged, await api.Grains.GetContact(winner).Absorb(loser));

        var import = await Import(api, $"id,city\n{loser},Lisbon\n");

        Assert.Equal(1, (int)import["updatedCount"]!);
        var contacts = await ListContacts(api.ApiClient());
        Assert.Equal("Lisbon", Field(Assert.Single(contacts).Value!, "city"));
        Assert.Equal(winner, (long)contacts.Single().Value!["id"]!);
    }

    [Fact]
    public async Task Bad_rows_are_ignored_and_reported_with_their_line_while_the_file_goes_on()
    {
        await using var api = new ApiFactory(store());

        var import = await Import(api, "email,firstname,attribution\n" +
            "ok1@example.com,One,1\n" +
            "not-an-email,Two,2\n" +
            "ok3@example.com,Three,3,extra\n" +
            "ok4@example.com,Four,lots\n" +
            ",,\n" +
            "ok6@example.com,Six,6\n");

        Assert.Equal("imported", (string)import["status"]!);
        Assert.Equal(2, (int)import["insertedCount"]!);
        Assert.Equal(4, (int)import["ignoredCount"]!);
        var problems = import["failedLines"]!.AsArray().ToDictionary(p => (int)p!["line"]!, p => (string)p!["message"]!);
        Assert.Equal([3, 4, 5, 6], problems.Keys.Order());
        Assert.Equal("email: must be a valid email.", problems[3]);
        Assert.Contains("4 values but the header has 3 columns", problems[4]);
        Assert.Contains("'lots' is not a number", problems[5]);
        Assert.Contains("empty", problems[6]);
        Assert.Equal(["ok1@example.com", "ok6@example.com"], (await ListContacts(api.ApiClient())).Select(c => Field(c.Value!, "email")!).Order());
    }

    [Fact]
    public async Task NaN_and_infinities_are_no_numbers_and_ignore_their_row()
    {
        await using var api = new ApiFactory(store());

        var import = await Import(api, "email,attribution\nok@example.com,1e3\nn@example.com,NaN\ni@example.com,-Infinity\nbig@example.com,1e999\n");

        Assert.Equal(1, (int)import["insertedCount"]!);
        var problems = import["failedLines"]!.AsArray().ToDictionary(p => (int)p!["line"]!, p => (string)p!["message"]!);
        Assert.Equal([3, 4, 5], problems.Keys.Order());
        Assert.Contains("'-Infinity' is not a number", problems[4]);
        var contact = Assert.Single(await ListContacts(api.ApiClient())).Value!;
        Assert.Equal(1000, (int)contact["fields"]!["all"]!["attribution"]!);
    }

    [Fact]
    public async Task A_tag_longer_than_a_tag_name_can_be_is_left_out_of_its_row_and_refused_as_a_default()
    {
        await using var api = new ApiFactory(store());
        var tag = new string('t', Tag.MaxNameLength + 1);

        var import = await Import(api, $"email,tags\na@example.com,ok|{tag}\n");
        var (status, refused) = await Upload(api.ApiClient(), "email\nb@example.com\n", ("tags", "fine," + tag));

        Assert.Equal(1, (int)import["insertedCount"]!);
        var problem = Assert.Single(import["failedLines"]!.AsArray())!;
        Assert.False((bool)problem["rowIgnored"]!);
        Assert.Contains($"is longer than {Tag.MaxNameLength} characters", (string)problem["message"]!);
        Assert.Equal(["ok"], (await api.Grains.GetContact((long)Assert.Single(await ListContacts(api.ApiClient())).Value!["id"]!).Get())!.Tags);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("tags: ", (string)refused["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task A_tag_holding_a_comma_is_left_out_of_its_row_and_reported()
    {
        await using var api = new ApiFactory(store());

        var import = await Import(api, "email,tags\na@example.com,\"ok|a,b\"\n");

        Assert.Equal(1, (int)import["insertedCount"]!);
        var problem = Assert.Single(import["failedLines"]!.AsArray())!;
        Assert.False((bool)problem["rowIgnored"]!);
        Assert.Contains("'a,b' holds a comma", (string)problem["message"]!);
        Assert.Equal(["ok"], (await api.Grains.GetContact((long)Assert.Single(await ListContacts(api.ApiClient())).Value!["id"]!).Get())!.Tags);
    }

    [Fact]
    public async Task Points_take_the_whole_int_range_and_a_row_past_it_is_ignored_naming_the_range()
    {
        await using var api = new ApiFactory(store());

        var import = await Import(api, "email,points\n" +
            "max@example.com,2147483647\n" +
            "min@example.com,-2147483648\n" +
            "over@example.com,2147483648\n" +
            "under@example.com,-99999999999999999999\n" +
            "word@example.com,many\n");

        Assert.Equal(2, (int)import["insertedCount"]!);
        Assert.Equal(3, (int)import["ignoredCount"]!);
        var problems = import["failedLines"]!.AsArray().ToDictionary(p => (int)p!["line"]!, p => (string)p!["message"]!);
        Assert.Equal("points: '2147483648' is outside -2147483648 to 2147483647.", problems[4]);
        Assert.Equal("points: '-99999999999999999999' is outside -2147483648 to 2147483647.", problems[5]);
        Assert.Equal("points: 'many' is not a whole number.", problems[6]);
        var points = (await ListContacts(api.ApiClient())).ToDictionary(c => Field(c.Value!, "email")!, c => (int)c.Value!["points"]!);
        Assert.Equal(new Dictionary<string, int> { ["max@example.com"] = int.MaxValue, ["min@example.com"] = int.MinValue }, points);
    }

    [Fact]
    public async Task A_given_mapping_chooses_the_columns_and_the_defaults_apply_to_every_row()
    {
        await using var api = new ApiFactory(store());
        var kept = await ContactWrites.Create(api, """{"email":"kept@example.com","city":"Rome"}""");
        var (_, user) = await ContactWrites.Send(api, HttpMethod.Post, "/api/users/new",
            """{"username":"ann","email":"ann@example.com","firstName":"Ann","lastName":"Lee","password":"ann-password"}""");
        var (_, segment) = await ContactWrites.Send(api, HttpMethod.Post, "/api/segments/new", """{"name":"Imported"}""");
        var owner = (long)user["user"]!["id"]!;
        var segmentId = (long)segment["list"]!["id"]!;

        var import = await Import(api, "Mail;Town;Ignored\nkept@example.com;Paris;x\nnew@example.com;Oslo;y\n",
            ("delimiter", ";"), ("mapping", """{"Mail":"email","Town":"city","Ignored":""}"""),
            ("owner", $"{owner}"), ("segment", $"{segmentId}"), ("tags", "imported, batch"), ("skipIfExists", "true"));

        Assert.Equal(1, (int)import["insertedCount"]!);
        Assert.Equal(1, (int)import["updatedCount"]!);
        var keptContact = await api.Grains.GetContact(kept).Get();
        Assert.Equal("Rome", keptContact!.Fields["city"]);
        Assert.Equal(owner, keptContact.OwnerId);
        Assert.Equal([segmentId], keptContact.Segments);
        Assert.Equal(["batch", "imported"], keptContact.Tags);
        var created = (await ListContacts(api.ApiClient())).Single(c => c.Key != kept.ToString()).Value!;
        Assert.Equal("Oslo", Field(created, "city"));
    }

    [Fact]
    public async Task A_replayed_import_row_changes_nothing_and_still_answers_that_it_inserted()
    {
        await using var api = new ApiFactory(store());
        var contact = api.Grains.GetContact(90_001);
        var mark = new ImportMark("replayed", 2);
        var edit = new ContactEdit { At = DateTimeOffset.UtcNow, Fields = new Dictionary<string, string?> { ["city"] = "Paris" }, AddTags = ["a"], Import = mark };

        Assert.True(await contact.Apply(edit));
        Assert.True(await contact.Apply(edit with { Fields = new Dictionary<string, string?> { ["city"] = "Rome" } }));

        Assert.Equal("Paris", (await contact.Get())!.Fields["city"]);
        Assert.Equal(ImportRowOutcome.Inserted, await contact.ImportOutcome(mark));
        Assert.Null(await contact.ImportOutcome(mark with { Line = 3 }));
        Assert.Single(await contact.Timeline(), e => e.Type == "lead.imported");
    }

    [Fact]
    public async Task Imports_are_listed_newest_first_and_an_unknown_one_is_404()
    {
        await using var api = new ApiFactory(store());
        var first = await Import(api, "email\na@example.com\n");
        var second = await Import(api, "email\nb@example.com\n");

        var list = JsonNode.Parse(await api.ApiClient().GetStringAsync("/api/contacts/import"))!;
        Assert.Equal(2, (int)list["total"]!);
        Assert.Equal([(string)second["id"]!, (string)first["id"]!], list["imports"]!.AsArray().Select(i => (string)i!["id"]!));
        var missing = await api.ApiClient().GetAsync("/api/contacts/import/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_import_list_pages_and_orders_as_the_other_lists_do_and_its_total_counts_them_all()
    {
        await using var api = new ApiFactory(store());
        var one = (string)(await Import(api, People(1)))["id"]!;
        var three = (string)(await Import(api, People(3)))["id"]!;
        var two = (string)(await Import(api, People(2)))["id"]!;
        var client = api.ApiClient();
        // The total, then the page's imports.
        async Task<string[]> List(string query)
        {
            var list = JsonNode.Parse(await client.GetStringAsync("/api/contacts/import?" + query))!;
            return [$"{(long)list["total"]!}", .. list["imports"]!.AsArray().Select(i => (string)i!["id"]!)];
        }

        Assert.Equal(["3", two], await List("limit=1"));
        Assert.Equal(["3", three, one], await List("start=1&limit=5"));
        Assert.Equal(["3", three, two, one], await List("orderBy=lineCount&orderByDir=desc"));
        Assert.Equal(["3", one, three], await List("orderBy=dateAdded&limit=2"));
        foreach (var refused in new[] { "limit=abc", "start=-1", "orderByDir=up", "orderBy=nope", "limit[]=1" })
        {
            using var answer = await client.GetAsync("/api/contacts/import?" + refused);
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{refused}: {(int)answer.StatusCode}");
        }
    }
}

public sealed class SqliteImportRowRuleTests() : ImportRowRuleTests(TestStore.Sqlite);

public sealed class PostgreSqlImportRowRuleTests() : ImportRowRuleTests(TestStore.PostgreSql);
