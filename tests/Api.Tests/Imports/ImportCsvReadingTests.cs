using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Imports;

/// <summary>The file is read as PHP's fgetcsv reads it for Mautic, except that a quote that never closes is reported rather than swallowing the rest of the file.</summary>
public abstract class ImportCsvReadingTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_quote_that_never_closes_ignores_its_row_with_its_line_and_the_rows_after_it_are_imported()
    {
        await using var api = new ApiFactory(store());

        var import = await Import(api, "email,lastname\nq1@x.test,a\nq2@x.test,b\nq3@x.test,\"unterminated\nq4@x.test,z\n");

        Assert.Equal("imported", (string)import["status"]!);
        Assert.Equal(4, (int)import["lineCount"]!);
        Assert.Equal(3, (int)import["insertedCount"]!);
        Assert.Equal(1, (int)import["ignoredCount"]!);
        var failed = Assert.Single(import["failedLines"]!.AsArray())!;
        Assert.Equal(4, (int)failed["line"]!);
        Assert.True((bool)failed["rowIgnored"]!);
        Assert.Contains("quote opened on line 4 is never closed", (string)failed["message"]!);
        var contacts = (await ListContacts(api.ApiClient())).Select(c => (Field(c.Value!, "email"), Field(c.Value!, "lastname")));
        Assert.Equal([("q1@x.test", "a"), ("q2@x.test", "b"), ("q4@x.test", "z")], contacts.Order());
    }

    [Fact]
    public async Task A_row_whose_quote_spans_lines_before_it_stays_open_is_one_ignored_row_and_the_lines_after_the_quote_are_rows()
    {
        await using var api = new ApiFactory(store());

        var import = await Import(api, "email,lastname,city\nq1@x.test,\"two\nlines\",\"open\nq2@x.test,b,c\n");

        Assert.Equal(1, (int)import["insertedCount"]!);
        var failed = Assert.Single(import["failedLines"]!.AsArray())!;
        Assert.Equal(2, (int)failed["line"]!);
        Assert.Contains("quote opened on line 3 is never closed, so the row (lines 2 to 3)", (string)failed["message"]!);
        Assert.Equal(["q2@x.test"], (await ListContacts(api.ApiClient())).Select(c => Field(c.Value!, "email")));
    }

    [Fact]
    public async Task Many_quotes_that_never_close_are_each_reported_on_their_own_line_without_reading_far_ahead_for_each()
    {
        await using var api = new ApiFactory(store());
        // With a space as the escape, ' "' opens a field and, inside one, is an escaped quote: no later line closes any
        // of these quotes, and the file is longer than one quote's 256 KiB look-ahead.
        var lines = Enumerable.Range(0, 1500).Select(i => $"q{i}@x.test, \"open".PadRight(199, 'x')).ToArray();

        var import = await Import(api, "email,lastname\n" + string.Join("\n", lines) + "\nok@x.test,z\n", ("escape", " "));

        Assert.Equal("imported", (string)import["status"]!);
        Assert.Equal(1, (int)import["insertedCount"]!);
        Assert.Equal(lines.Length, (int)import["ignoredCount"]!);
        // The first reports are kept (failedLinesNotShown counts the rest), each naming its own line.
        var shown = import["failedLines"]!.AsArray().Select(failed => (int)failed!["line"]!).Order().ToArray();
        Assert.Equal(Enumerable.Range(2, shown.Length), shown);
        Assert.Equal(lines.Length, shown.Length + (int)import["failedLinesNotShown"]!);
        Assert.Equal(["ok@x.test"], (await ListContacts(api.ApiClient())).Select(c => Field(c.Value!, "email")));
    }

    [Theory]
    // fgetcsv: the escape stops the next character from closing the field, and both are kept.
    [InlineData("\\", "\"a\\\"b\"", "a\\\"b")]
    [InlineData("\\", "\"a\\\\\"", "a\\\\")]
    [InlineData("\\", "\"a\"\"b\"", "a\"b")]
    // With the escape the enclosure (the default), the file is RFC 4180.
    [InlineData(null, "\"a\"\"b\"", "a\"b")]
    [InlineData(null, "\"a\\\"b\"", "a\\b\"")]
    // Spaces before an enclosure are dropped and it opens the field; text after the closing one is kept.
    [InlineData(null, "  \"x,y\"", "x,y")]
    [InlineData(null, "\"ab\"c", "abc")]
    public async Task Enclosed_values_read_as_fgetcsv_reads_them(string? escape, string cell, string stored)
    {
        await using var api = new ApiFactory(store());
        (string, string)[] settings = escape is null ? [] : [("escape", escape)];

        var import = await Import(api, $"email,lastname\ne@x.test,{cell}\n", settings);

        Assert.Equal(1, (int)import["insertedCount"]!);
        Assert.Equal(stored, Field(Assert.Single(await ListContacts(api.ApiClient())).Value!, "lastname"));
    }

    [Fact]
    public async Task Without_an_enclosure_the_escape_protects_the_next_character_and_is_dropped()
    {
        await using var api = new ApiFactory(store());

        await Import(api, "email,lastname\ne@x.test,a\\,b\\\\c\n", ("enclosure", ""), ("escape", "\\"));

        Assert.Equal("a,b\\c", Field(Assert.Single(await ListContacts(api.ApiClient())).Value!, "lastname"));
    }

    [Fact]
    public async Task A_carriage_return_alone_inside_a_line_is_text_and_lines_count_line_feeds()
    {
        await using var api = new ApiFactory(store());

        var import = await Import(api, "email,lastname\r\na@x.test,one\rtwo\r\n\r\nnot-an-email,b\r\n");

        Assert.Equal(1, (int)import["insertedCount"]!);
        Assert.Equal(4, (int)Assert.Single(import["failedLines"]!.AsArray())!["line"]!);
        Assert.Equal("one\rtwo", Field(Assert.Single(await ListContacts(api.ApiClient())).Value!, "lastname"));
    }

    [Fact]
    public async Task The_line_count_is_the_rows_as_read_so_a_value_spanning_lines_is_one_and_the_import_ends_at_all_of_them()
    {
        await using var api = new ApiFactory(store());
        var client = api.ApiClient();
        // Rows on lines 2-3 (a quoted value over two lines), 4, 7 and 8 (empty cells: ignored); lines 5 and 6 are blank.
        const string csv = "email,lastname,city\na@x.test,\"two\nlines\",Oslo\nb@x.test,b,Bergen\n\n  \nc@x.test,c,\n,,\n";

        var (status, body) = await Upload(client, csv);
        var queued = body["import"]!;
        var import = await WaitUntilEnded(client, (string)queued["id"]!);

        Assert.Equal(System.Net.HttpStatusCode.Created, status);
        Assert.Equal(4, (int)queued["lineCount"]!);
        Assert.Equal("imported", (string)import["status"]!);
        Assert.Equal(4, (int)import["lineCount"]!);
        Assert.Equal(3, (int)import["insertedCount"]!);
        Assert.Equal(1, (int)import["ignoredCount"]!);
        Assert.Equal(100, (double)import["progressPercent"]!);
        Assert.Equal(8, (int)Assert.Single(import["failedLines"]!.AsArray())!["line"]!);
        Assert.Equal("two\nlines", Field((await ListContacts(client, "email:a@x.test")).Single().Value!, "lastname"));
    }

    [Fact]
    public async Task A_bad_row_after_a_value_spanning_lines_is_reported_with_the_file_line_it_starts_on()
    {
        await using var api = new ApiFactory(store());

        var import = await Import(api, "email,lastname\na@x.test,\"first\nsecond\nthird\"\nnot-an-email,z\nb@x.test,b\n");

        Assert.Equal(3, (int)import["lineCount"]!);
        Assert.Equal(2, (int)import["insertedCount"]!);
        var failed = Assert.Single(import["failedLines"]!.AsArray())!;
        Assert.Equal(5, (int)failed["line"]!);
        Assert.True((bool)failed["rowIgnored"]!);
    }
}

public sealed class SqliteImportCsvReadingTests() : ImportCsvReadingTests(TestStore.Sqlite);

public sealed class PostgreSqlImportCsvReadingTests() : ImportCsvReadingTests(TestStore.PostgreSql);
