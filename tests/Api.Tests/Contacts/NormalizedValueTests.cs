using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// A contact's normalizedValue as Mautic's CustomFieldValueHelper::normalize gives it: labels for booleans, selects and
/// multiselects, the value for every other type, "" for no value.
/// </summary>
public abstract class NormalizedValueTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_boolean_reads_as_its_yes_or_no_label_and_as_Yes_or_No_without_labels()
    {
        await using var api = new ApiFactory(store());
        await Create(api, "/api/fields/contact/new", "field", """{"label":"Opt In","alias":"opt_in","type":"boolean","properties":{"yes":"Ja","no":"Nein"}}""");
        await Create(api, "/api/fields/contact/new", "field", """{"label":"Plain Flag","alias":"plain_flag","type":"boolean"}""");
        var yes = await CreateContact(api, """{"email":"ja@example.com","opt_in":true,"plain_flag":"yes"}""");
        var no = await CreateContact(api, """{"email":"nein@example.com","opt_in":"0","plain_flag":false}""");

        var yesFields = (await Get(api, $"/api/contacts/{yes}"))["contact"]!["fields"]!["core"]!;
        var noFields = (await Get(api, $"/api/contacts/{no}"))["contact"]!["fields"]!["core"]!;

        Assert.Equal("1", (string?)yesFields["opt_in"]!["value"]);
        Assert.Equal("Ja", (string?)yesFields["opt_in"]!["normalizedValue"]);
        Assert.Equal("Yes", (string?)yesFields["plain_flag"]!["normalizedValue"]);
        Assert.Equal("0", (string?)noFields["opt_in"]!["value"]);
        Assert.Equal("Nein", (string?)noFields["opt_in"]!["normalizedValue"]);
        Assert.Equal("No", (string?)noFields["plain_flag"]!["normalizedValue"]);
    }

    [Fact]
    public async Task A_select_and_a_multiselect_read_as_their_options_labels_and_a_lookup_as_stored()
    {
        await using var api = new ApiFactory(store());
        await Create(api, "/api/fields/contact/new", "field",
            """{"label":"Size","alias":"size","type":"select","properties":{"list":[{"label":"Small","value":"s"},{"label":"Large","value":"l"}]}}""");
        await Create(api, "/api/fields/contact/new", "field",
            """{"label":"Colours","alias":"colours","type":"multiselect","properties":{"list":[{"label":"Red","value":"r"},{"label":"Blue","value":"b"},"g"]}}""");
        var id = await CreateContact(api, """{"email":"pick@example.com","size":"l","colours":["b","g","r"],"title":"Mr"}""");

        var core = (await Get(api, $"/api/contacts/{id}"))["contact"]!["fields"]!["core"]!;

        Assert.Equal("l", (string?)core["size"]!["value"]);
        Assert.Equal("Large", (string?)core["size"]!["normalizedValue"]);
        Assert.Equal("b|g|r", (string?)core["colours"]!["value"]);
        Assert.Equal("Blue|g|Red", (string?)core["colours"]!["normalizedValue"]);
        Assert.Equal("Mr", (string?)core["title"]!["normalizedValue"]);
    }

    [Fact]
    public async Task A_field_without_a_value_reads_as_empty_text_and_a_number_as_its_number()
    {
        await using var api = new ApiFactory(store());
        var id = await CreateContact(api, """{"email":"bare@example.com","attribution":12}""");

        var core = (await Get(api, $"/api/contacts/{id}"))["contact"]!["fields"]!["core"]!;

        Assert.Null((string?)core["city"]!["value"]);
        Assert.Equal("", (string?)core["city"]!["normalizedValue"]);
        Assert.Equal(12, (int)core["attribution"]!["normalizedValue"]!);
        Assert.Equal("bare@example.com", (string?)core["email"]!["normalizedValue"]);
    }
}

public sealed class SqliteNormalizedValueTests() : NormalizedValueTests(TestStore.Sqlite);

public sealed class PostgreSqlNormalizedValueTests() : NormalizedValueTests(TestStore.PostgreSql);
