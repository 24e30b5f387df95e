using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// GET /api/contacts?orderBy= takes every property a listed contact shows, as Mautic orders by any column of its
/// leads table: the members by their member and their column name, every published field alias, and the members
/// every contact shows alike, which leave the order to the id. Three contacts, each first or last by some property:
/// 1 Bea (added T+2, identified T+2, modified T+9, active T+1, 20 points, owner 50, stage 10, zipcode 200),
/// 2 Cid (added T+1 anonymous, identified and modified T+4, active T+8, 5 points, owner 9, stage 9, zipcode 100),
/// 3 Al (added, identified and modified T+3, active T+0, 30 points, no owner, no stage, no zipcode).
/// Points, owners and stages that order otherwise as text ("5" after "30", "10" before "9") order as numbers.
/// </summary>
public abstract class ContactOrderingTests(Func<TestStore> store)
{
    static readonly DateTimeOffset T = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static readonly (string Query, long[] Ids)[] Orderings =
    [
        ("orderBy=dateAdded", [2, 1, 3]),
        ("orderBy=date_added&orderByDir=desc", [3, 1, 2]),
        ("orderBy=dateModified", [3, 2, 1]),
        ("orderBy=date_modified&orderByDir=desc", [1, 2, 3]),
        ("orderBy=dateIdentified", [1, 3, 2]),
        ("orderBy=date_identified&orderByDir=desc", [2, 3, 1]),
        ("orderBy=lastActive", [3, 1, 2]),
        ("orderBy=last_active&orderByDir=desc", [2, 1, 3]),
        ("orderBy=points&orderByDir=desc", [3, 1, 2]),
        ("orderBy=owner", [3, 2, 1]),
        ("orderBy=owner_id&orderByDir=desc", [1, 2, 3]),
        ("orderBy=stage", [3, 2, 1]),
        ("orderBy=stage_id&orderByDir=desc", [1, 2, 3]),
        ("where[0][col]=stage&where[0][expr]=gt&where[0][val]=9", [1]),
        ("orderBy=id&orderByDir=desc", [3, 2, 1]),
        ("orderBy=firstname", [3, 1, 2]),
        ("orderBy=zipcode", [3, 2, 1]),
        ("orderBy=rank&orderByDir=desc", [2, 1, 3]),
        ("order[0][col]=dateModified&order[0][dir]=desc", [1, 2, 3]),
        // Read in pair order, as PHP reads them: the second [] appends after [5], so points orders before firstname.
        ("order[][col]=color&order[5][col]=points&order[][col]=firstname", [2, 1, 3]),
        // Every contact is published and shows no color or creating user: all tie, and the id decides.
        ("orderBy=isPublished&orderByDir=desc", [1, 2, 3]),
        ("orderBy=is_published", [1, 2, 3]),
        ("orderBy=createdBy&orderByDir=desc", [1, 2, 3]),
        ("orderBy=modified_by_user", [1, 2, 3]),
        ("orderBy=color&orderByDir=desc", [1, 2, 3]),
        ("orderBy=preferredProfileImage", [1, 2, 3]),
        ("order[0][col]=color&order[1][col]=points", [2, 1, 3]),
        // Mautic's alias of its contacts table, which its list adds to an orderBy without one, names the same columns.
        ("orderBy=l.firstname", [3, 1, 2]),
        ("orderBy=l.date_added&orderByDir=desc", [3, 1, 2]),
        ("orderBy=l.is_published", [1, 2, 3]),
        ("where[0][col]=l.firstname&where[0][expr]=eq&where[0][val]=bea", [1]),
        ("where[0][col]=l.stage_id&where[0][expr]=gt&where[0][val]=9", [1]),
    ];

    [Fact]
    public async Task Every_property_a_contact_shows_orders_the_list_by_member_or_column_name_with_the_id_breaking_ties()
    {
        await using var api = new ApiFactory(store());
        await Create(api, "/api/fields/contact/new", "field", """{"label":"Rank","alias":"rank","type":"number"}""");
        await Edit(api, 1, 2, new() { ["firstname"] = "Bea", ["email"] = "bea@example.com", ["zipcode"] = "200", ["rank"] = "9" }, 20, 50, "10", 1);
        await Edit(api, 1, 9, new() { ["city"] = "Oslo" });
        await Edit(api, 2, 1, new() { ["city"] = "Rome", ["zipcode"] = "100", ["rank"] = "10" }, 5, 9, "9", 8);
        await Edit(api, 2, 4, new() { ["firstname"] = "Cid" });
        await Edit(api, 3, 3, new() { ["firstname"] = "Al", ["rank"] = "1" }, 30, null, null, 0);

        foreach (var (query, expected) in Orderings)
        {
            var response = await api.ApiClient().GetAsync("/api/contacts?" + query);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {body.ToJsonString()}");
            Assert.True(expected.SequenceEqual(body["contacts"]!.AsObject().Select(p => long.Parse(p.Key))),
                $"{query}: {string.Join(",", body["contacts"]!.AsObject().Select(p => p.Key))}");
        }
    }

    [Theory]
    [InlineData("orderBy=shoe_size", "orderBy: \"shoe_size\" is not a contact column.")]
    [InlineData("orderBy=tags", "orderBy: \"tags\" is not a contact column.")]
    [InlineData("orderBy=c.firstname", "orderBy: \"c.firstname\" is not a contact column.")]
    [InlineData("orderBy=l.l.firstname", "orderBy: \"l.l.firstname\" is not a contact column.")]
    [InlineData("orderBy=L.firstname", "orderBy: \"L.firstname\" is not a contact column.")]
    [InlineData("where[0][col]=l.shoe_size&where[0][expr]=eq&where[0][val]=a", "where[0][col]: \"l.shoe_size\" is not a contact column.")]
    [InlineData("where[0][col]=u.firstname&where[0][expr]=eq&where[0][val]=a", "where[0][col]: \"u.firstname\" is not a contact column.")]
    [InlineData("order[0][col]=payload", "order[0][col]: \"payload\" is not a contact column.")]
    [InlineData("order[0][col][x]=email", "order[0][col] is missing or not a single value.")]
    [InlineData("order[0][column][a]=email", "order[0][col] is missing or not a single value.")]
    [InlineData("order[0][col]=email&order[0][dir][x]=asc", "order[0][dir] must be a single value.")]
    [InlineData("where[0][col][x]=email&where[0][expr]=eq&where[0][val]=a", "where[0][col] is missing or not a single value.")]
    [InlineData("orderByDir=sideways", "orderByDir must be asc or desc.")]
    [InlineData("orderBy=id&orderByDir=sideways", "orderByDir must be asc or desc.")]
    public async Task An_unknown_or_malformed_ordering_is_a_400_naming_it(string query, string message)
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Get, "/api/contacts?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, (int)body["errors"]![0]!["code"]!);
        Assert.Equal(message, Message(body));
    }

    static async Task Edit(ApiFactory api, long id, int hours, Dictionary<string, string?> fields,
        int? points = null, long? owner = null, string? stage = null, int? activeHours = null) =>
        Assert.True(await api.Grains.GetContact(id).Apply(new ContactEdit
        {
            At = T.AddHours(hours), Fields = fields, Points = points, OwnerId = owner, Stage = stage,
            LastActive = activeHours is { } active ? T.AddHours(active) : null,
        }));
}

public sealed class SqliteContactOrderingTests() : ContactOrderingTests(TestStore.Sqlite);

public sealed class PostgreSqlContactOrderingTests() : ContactOrderingTests(TestStore.PostgreSql);
