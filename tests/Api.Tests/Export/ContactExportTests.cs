using System.Net;
using Actors.Api.Tests.Contacts;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Catalogs;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Stages;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Export;

/// <summary>GET /api/contacts/export through the real pipeline: the list's search, Mautic's columns, CSV and .xlsx read back cell by cell.</summary>
public abstract class ContactExportTests(Func<TestStore> store)
{
    private const string People = "email,firstname,lastname,city,stage,tags\n" +
        "ann@example.com,Ann,Ångström 🙂,Paris,lead,vip\n" +
        "bob@example.com,Bob,,Berlin,,\n" +
        "cy@example.com,\"Cy, \"\"the\"\" third\",,Paris,customer,\n";

    [Fact]
    public async Task A_csv_export_of_a_search_has_id_every_published_field_in_group_order_and_stage()
    {
        await using var api = new ApiFactory(store());
        await Import(api, People);

        using var response = await api.ApiClient().GetAsync("/api/contacts/export?format=csv&search=city:Paris");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition?.ToString());
        var header = lines[0].Split(',');
        Assert.Equal("id", header[0]);
        Assert.Equal("stage", header[^1]);
        Assert.Equal(["title", "firstname", "lastname", "company", "position", "email"], header[1..7]);
        Assert.True(Array.IndexOf(header, "website") < Array.IndexOf(header, "facebook"));
        Assert.Equal(3, lines.Length);
        var ann = Assert.Single(lines, l => l.Contains(",Ann,Ångström 🙂,"));
        Assert.EndsWith(",lead", ann);
        Assert.Single(lines, l => l.Contains("\"Cy, \"\"the\"\" third\"") && l.EndsWith(",customer"));
        Assert.DoesNotContain(lines, l => l.Contains("bob@example.com"));
    }

    [Fact]
    public async Task An_exports_where_equality_on_text_ignores_case()
    {
        await using var api = new ApiFactory(store());
        await Import(api, People);

        using var response = await api.ApiClient().GetAsync("/api/contacts/export?format=csv&where[0][col]=email&where[0][expr]=eq&where[0][val]=BOB@Example.com");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("bob@example.com", Assert.Single(lines[1..]));
    }

    [Fact]
    public async Task A_search_by_stage_name_exports_the_contacts_the_list_finds()
    {
        await using var api = new ApiFactory(store());
        var lead = await api.Grains.GetGrain<IEntityCatalogGrain<Stage>>(Stage.CatalogKey).Add(new Stage(0, "lead", 0, null, true, DateTimeOffset.UtcNow, null));
        var ann = await ContactWriteTests.Create(api, $$"""{"email":"ann@example.com","stage":"{{lead.Entry!.Id}}"}""");
        await ContactWriteTests.Create(api, """{"email":"bob@example.com"}""");

        using var response = await api.ApiClient().GetAsync("/api/contacts/export?format=csv&search=stage:lea");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(ann + ",", lines[1]);
        // The stage column shows the stage's name, not the id the contact holds.
        Assert.EndsWith(",lead", lines[1]);
    }

    [Fact]
    public async Task An_xlsx_export_reads_back_cell_by_cell_and_rolls_over_to_a_new_sheet_at_the_row_limit()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Export:XlsxRowsPerSheet"] = "3" });
        await Import(api, People);

        using var response = await api.ApiClient().GetAsync("/api/contacts/export?format=xlsx");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToArray();
        Assert.Equal(["Contacts", "Contacts 2"], sheets.Select(s => s.Name!.Value));
        var first = Rows(workbook, sheets[0]);
        var second = Rows(workbook, sheets[1]);
        Assert.Equal(3, first.Length);
        Assert.Equal(2, second.Length);
        Assert.Equal(first[0], second[0]);
        var header = first[0];
        Assert.Equal("id", header[0]);
        var email = Array.IndexOf(header, "email");
        var name = Array.IndexOf(header, "firstname");
        var rows = new[] { first[1], first[2], second[1] }.ToDictionary(r => r[email]);
        Assert.Equal(["ann@example.com", "bob@example.com", "cy@example.com"], rows.Keys.Order());
        Assert.True(long.Parse(first[1][0]) < long.Parse(first[2][0]) && long.Parse(first[2][0]) < long.Parse(second[1][0]));
        Assert.Equal("Cy, \"the\" third", rows["cy@example.com"][name]);
        Assert.Equal("Paris", rows["cy@example.com"][Array.IndexOf(header, "city")]);
        Assert.Equal("Ångström 🙂", rows["ann@example.com"][Array.IndexOf(header, "lastname")]);
        Assert.Equal("lead", rows["ann@example.com"][^1]);
        Assert.Equal("", rows["bob@example.com"][^1]);
    }

    [Fact]
    public async Task An_xlsx_export_leaves_out_stored_characters_xml_cannot_hold()
    {
        await using var api = new ApiFactory(store());

        Assert.Equal("abc", await XlsxCellOf(api, "firstname", "a\u0001b\uffffc"));
    }

    [Fact]
    public async Task An_xlsx_export_escapes_a_stored_excel_escape_so_that_excel_shows_it_as_stored()
    {
        await using var api = new ApiFactory(store());

        var raw = await XlsxCellOf(api, "firstname", "a_x0041_b_X00e9_");

        Assert.Equal("a_x005F_x0041_b_x005F_X00e9_", raw);
        Assert.Equal("a_x0041_b_X00e9_", ExcelDecoded(raw));
    }

    [Fact]
    public async Task An_xlsx_export_leaves_underscores_that_start_no_excel_escape_as_they_are()
    {
        await using var api = new ApiFactory(store());

        var raw = await XlsxCellOf(api, "firstname", "_x41_ _x0041 x0041_ _xZZZZ_ a_b");

        Assert.Equal("_x41_ _x0041 x0041_ _xZZZZ_ a_b", raw);
        Assert.Equal(raw, ExcelDecoded(raw));
    }

    /// <summary>
    /// Cell text as Excel shows it: each _xHHHH_ read, left to right, as the character with that code (ECMA-376 Part 1,
    /// 22.9.2.19 ST_Xstring), so _x005F_ is an underscore. The OpenXml SDK hands the raw text over without this step.
    /// </summary>
    private static string ExcelDecoded(string raw)
        => System.Text.RegularExpressions.Regex.Replace(raw, "_[xX]([0-9A-Fa-f]{4})_",
            escape => ((char)Convert.ToInt32(escape.Groups[1].Value, 16)).ToString());

    [Fact]
    public async Task An_xlsx_export_keeps_the_cr_lf_and_the_trailing_spaces_of_a_textarea()
    {
        await using var api = new ApiFactory(store());
        await Imports.ImportValueRuleTests.AddField(api, """{"label":"Notes","alias":"notes","type":"textarea"}""");

        Assert.Equal("a\r\nb  ", await XlsxCellOf(api, "notes", "a\r\nb  "));
    }

    /// <summary>Stores the value as it is (no write rule in between) on the only contact, and reads its cell of the xlsx export back.</summary>
    private static async Task<string> XlsxCellOf(ApiFactory api, string alias, string stored)
    {
        await Import(api, "email\nann@example.com\n");
        var id = long.Parse(Assert.Single(await ListContacts(api.ApiClient())).Key);
        await api.Grains.GetContact(id).Apply(new ContactEdit { At = DateTimeOffset.UtcNow, Fields = new Dictionary<string, string?> { [alias] = stored } });

        using var response = await api.ApiClient().GetAsync("/api/contacts/export?format=xlsx");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var rows = Rows(document.WorkbookPart!, document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single());
        return rows[1][Array.IndexOf(rows[0], alias)];
    }

    [Fact]
    public async Task A_csv_export_shows_each_contact_as_its_latest_change_left_it()
    {
        await using var api = new ApiFactory(store());
        var client = api.ApiClient();
        await Import(api, People);
        await Import(api, "email,city,stage\nann@example.com,NULL,customer\n");
        var ann = (await ListContacts(client, "email:ann@example.com")).Single().Key;
        using var points = await client.PostAsync($"/api/contacts/{ann}/points/plus/5", null);

        using var response = await client.GetAsync("/api/contacts/export?format=csv&search=email:ann@example.com");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, points.StatusCode);
        var header = lines[0].Split(',');
        var row = Assert.Single(lines[1..]).Split(',');
        Assert.Equal(ann, row[0]);
        Assert.Equal("Ann", row[Array.IndexOf(header, "firstname")]);
        Assert.Equal("", row[Array.IndexOf(header, "city")]);
        Assert.Equal("5", row[Array.IndexOf(header, "points")]);
        Assert.Equal("customer", row[^1]);
    }

    [Fact]
    public async Task An_unknown_format_or_a_bad_where_is_a_400()
    {
        await using var api = new ApiFactory(store());

        using var format = await api.ApiClient().GetAsync("/api/contacts/export?format=pdf");
        using var where = await api.ApiClient().GetAsync("/api/contacts/export?where[0][col]=nope&where[0][expr]=eq&where[0][val]=1");

        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, where.StatusCode);
    }

    [Theory]
    [InlineData("format=csv&format=xlsx", "spreadsheetml")]
    [InlineData("format=xlsx&format=csv", "text/csv")]
    [InlineData("format[]=xlsx&format=csv", "text/csv")]
    public async Task A_format_given_twice_is_the_later_one_as_php_reads_it(string query, string type)
    {
        await using var api = new ApiFactory(store());

        using var export = await api.ApiClient().GetAsync($"/api/contacts/export?{query}");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains(type, export.Content.Headers.ContentType!.MediaType!);
    }

    [Theory]
    [InlineData("format[]=xlsx")]
    [InlineData("format=csv&format[0]=csv")]
    public async Task A_format_array_is_a_400_naming_format(string query)
    {
        await using var api = new ApiFactory(store());

        using var export = await api.ApiClient().GetAsync($"/api/contacts/export?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Contains("format must be a single value", await export.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("csv", "where[0][col]=id&where[0][expr]=gt&where[0][val]=abc")]
    [InlineData("xlsx", "where[0][col]=id&where[0][expr]=gt&where[0][val]=abc")]
    [InlineData("csv", "where[0][col]=id&where[0][expr]=between&where[0][val][0]=1")]
    [InlineData("csv", "where[0][col]=points&where[0][expr]=notBetween&where[0][val][0]=1")]
    [InlineData("csv", "where[0][col]=points&where[0][expr]=in&where[0][val][0]=many")]
    [InlineData("xlsx", "where[0][col]=id&where[0][expr]=eq&where[0][val]=99999999999999999999999")]
    public async Task A_where_the_database_cannot_take_is_the_lists_400_before_any_of_the_file_is_sent(string format, string where)
    {
        await using var api = new ApiFactory(store());
        var client = api.ApiClient();

        using var export = await client.GetAsync($"/api/contacts/export?format={format}&{where}");
        using var list = await client.GetAsync($"/api/contacts?{where}");

        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Equal(await list.Content.ReadAsStringAsync(), await export.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task A_search_past_the_term_or_nesting_limit_is_the_lists_400_before_any_of_the_file_is_sent(string format)
    {
        await using var api = new ApiFactory(store());
        var client = api.ApiClient();

        foreach (var search in new[] { string.Join(" ", Enumerable.Repeat("a", 1000)), string.Concat(Enumerable.Repeat("!(", 500)) })
        {
            var query = "search=" + Uri.EscapeDataString(search);
            using var export = await client.GetAsync($"/api/contacts/export?format={format}&{query}");
            using var list = await client.GetAsync($"/api/contacts?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
            Assert.Equal(await list.Content.ReadAsStringAsync(), await export.Content.ReadAsStringAsync());
        }
    }

    private static string[][] Rows(WorkbookPart workbook, Sheet sheet)
    {
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>()
            .Select(row => row.Elements<Cell>().Select(cell => cell.InlineString?.InnerText ?? "").ToArray())
            .ToArray();
    }
}

public sealed class SqliteContactExportTests() : ContactExportTests(TestStore.Sqlite);

public sealed class PostgreSqlContactExportTests() : ContactExportTests(TestStore.PostgreSql);
