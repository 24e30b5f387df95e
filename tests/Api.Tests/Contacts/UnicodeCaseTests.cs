using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// Text comparisons ignore the case of every letter on both stores, as Mautic's collation does and as
/// <c>/new</c> matches an email: SQLite's lower() folds ASCII only, so "Ü@x.test" found no "ü@X.test" there.
/// </summary>
public abstract class UnicodeCaseTests(Func<TestStore> store)
{
    [Theory]
    [InlineData("email", "eq", "Ü@x.test")]
    [InlineData("email", "in", "Ü@x.test,nobody@x.test")]
    [InlineData("email", "like", "Ü@%")]
    [InlineData("firstname", "eq", "éLODIE")]
    [InlineData("firstname", "in", "ÉLODIE,x")]
    [InlineData("firstname", "like", "%ÉLOD%")]
    public async Task A_where_comparison_ignores_the_case_of_every_letter(string column, string expression, string value)
    {
        await using var api = new ApiFactory(store());
        var umlaut = await CreateContact(api, """{"email":"ü@X.test","firstname":"Élodie"}""");
        var other = await CreateContact(api, """{"email":"u@x.test","firstname":"Elodie"}""");
        var where = $"where[0][col]={column}&where[0][expr]={expression}&where[0][val]={Uri.EscapeDataString(value)}";
        var negated = where.Replace("[expr]=eq", "[expr]=neq").Replace("[expr]=in", "[expr]=notIn").Replace("[expr]=like", "[expr]=notLike");

        Assert.Equal([umlaut], Ids(await Get(api, "/api/contacts?" + where)));
        Assert.Equal([other], Ids(await Get(api, "/api/contacts?" + negated)));
    }

    [Theory]
    [InlineData("email:Ü@")]
    [InlineData("+email:Ü@x.TEST")]
    [InlineData("élodie")]
    [InlineData("firstname:ÉLO")]
    public async Task A_search_ignores_the_case_of_every_letter(string search)
    {
        await using var api = new ApiFactory(store());
        var umlaut = await CreateContact(api, """{"email":"ü@X.test","firstname":"Élodie"}""");
        await CreateContact(api, """{"email":"u@x.test","firstname":"Elodie"}""");

        Assert.Equal([umlaut], await Search(api, search));
    }

    [Theory]
    [InlineData("eq")]
    [InlineData("like")]
    public async Task A_capital_i_with_a_dot_compares_as_i_on_both_stores(string expression)
    {
        await using var api = new ApiFactory(store());
        var dotted = await CreateContact(api, """{"email":"dotted@x.test","firstname":"\u0130"}""");
        await CreateContact(api, """{"email":"other@x.test","firstname":"j"}""");

        Assert.Equal([dotted], Ids(await Get(api, $"/api/contacts?where[0][col]=firstname&where[0][expr]={expression}&where[0][val]=i")));
    }

    [Theory]
    [InlineData("where[0][col]=email&where[0][expr]=like&where[0][val]=\u0130NFO%25")]
    [InlineData("where[0][col]=email&where[0][expr]=eq&where[0][val]=\u0130nfo@x.test")]
    [InlineData("search=email:\u0130nfo")]
    public async Task An_email_with_a_capital_i_with_a_dot_finds_the_i_through_the_email_index(string query)
    {
        await using var api = new ApiFactory(store());
        var info = await CreateContact(api, """{"email":"info@x.test"}""");
        await CreateContact(api, """{"email":"other@x.test"}""");

        Assert.Equal([info], Ids(await Get(api, "/api/contacts?" + query)));
    }

    static long[] Ids(System.Text.Json.Nodes.JsonNode list) => list["contacts"]!.AsObject().Select(p => long.Parse(p.Key)).Order().ToArray();
}

public sealed class SqliteUnicodeCaseTests() : UnicodeCaseTests(TestStore.Sqlite);

public sealed class PostgreSqlUnicodeCaseTests() : UnicodeCaseTests(TestStore.PostgreSql);
