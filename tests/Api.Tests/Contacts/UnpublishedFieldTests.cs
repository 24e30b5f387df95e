using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// An unpublished field is unknown to the contacts API, as an alias no field has: Mautic's contact forms and API take
/// published fields only. A body naming it is a 400, a search command on it is one strict word as an unknown
/// command is (Mautic's reading), so it finds no contact by the field, where and orderBy on it are a 400; contacts keep its values, shown again once it is published again.
/// </summary>
public abstract class UnpublishedFieldTests(Func<TestStore> store)
{
    [Fact]
    public async Task An_unpublished_field_is_refused_and_unsearchable_like_an_unknown_one_and_its_values_come_back_when_published()
    {
        await using var api = new ApiFactory(store());
        var tier = (long)(await Create(api, "/api/fields/contact/new", "field", """{"label":"Tier"}"""))["id"]!;
        var city = (long)(await Get(api, "/api/contacts/list/fields")).AsObject().Single(f => (string)f.Value!["alias"]! == "city").Value!["id"]!;
        var gold = await CreateContact(api, """{"email":"gold@example.com","tier":"gold","city":"Paris"}""");
        var other = await CreateContact(api, """{"email":"other@example.com","tier":"silver","city":"Rome"}""");

        await Publish(api, tier, false);
        await Publish(api, city, false);

        foreach (var alias in new[] { "tier", "city", "shoe_size" })
        {
            var (created, refused) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"new@example.com","{{alias}}":"x"}""");
            Assert.Equal(HttpStatusCode.BadRequest, created);
            Assert.Equal($"Unknown contact fields: {alias}.", Message(refused));
            var (patched, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{gold}/edit", $$"""{"{{alias}}":"x"}""");
            Assert.Equal(HttpStatusCode.BadRequest, patched);
            Assert.Empty(await Search(api, $"{alias}:gold"));
            Assert.Empty(await Search(api, $"{alias}:paris"));
            var (where, whereError) = await Send(api, HttpMethod.Get, $"/api/contacts?where[0][col]={alias}&where[0][expr]=eq&where[0][val]=gold");
            Assert.Equal(HttpStatusCode.BadRequest, where);
            Assert.Equal($"where[0][col]: \"{alias}\" is not a contact column.", Message(whereError));
            var (ordered, orderError) = await Send(api, HttpMethod.Get, $"/api/contacts?orderBy={alias}");
            Assert.Equal(HttpStatusCode.BadRequest, ordered);
            Assert.Equal($"orderBy: \"{alias}\" is not a contact column.", Message(orderError));
        }
        // A full replacement leaves the values of fields it cannot name.
        var (put, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{gold}/edit", """{"email":"gold@example.com"}""");
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.Null((await Get(api, $"/api/contacts/{gold}"))["contact"]!["fields"]!["all"]!["tier"]);

        await Publish(api, tier, true);
        await Publish(api, city, true);

        var shown = (await Get(api, $"/api/contacts/{gold}"))["contact"]!["fields"]!["all"]!;
        Assert.Equal("gold", (string)shown["tier"]!);
        Assert.Equal("Paris", (string)shown["city"]!);
        Assert.Equal([gold], await Search(api, "tier:gold"));
        Assert.Equal([gold], await Search(api, "city:paris"));
        var ordered2 = await Get(api, "/api/contacts?orderBy=tier&orderByDir=desc&where[0][col]=city&where[0][expr]=isNotNull");
        Assert.Equal([other, gold], ordered2["contacts"]!.AsObject().Select(p => long.Parse(p.Key)));
    }

    static async Task Publish(ApiFactory api, long field, bool published)
    {
        var (status, body) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{field}/edit", $$"""{"isPublished":{{(published ? "true" : "false")}}}""");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
    }
}

public sealed class SqliteUnpublishedFieldTests() : UnpublishedFieldTests(TestStore.Sqlite);

public sealed class PostgreSqlUnpublishedFieldTests() : UnpublishedFieldTests(TestStore.PostgreSql);
