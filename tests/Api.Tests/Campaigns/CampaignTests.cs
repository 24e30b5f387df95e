using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Campaigns;

/// <summary>/api/campaigns and campaign membership through the real pipeline on a real store.</summary>
public abstract class CampaignTests(Func<TestStore> store)
{
    [Fact]
    public async Task Campaigns_are_created_listed_edited_and_deleted_in_Mautic_shape()
    {
        await using var api = new ApiFactory(store());

        var (created, body) = await Send(api, HttpMethod.Post, "/api/campaigns/new", """{"name":"Welcome","description":"First steps"}""");
        var id = (long)body["campaign"]!["id"]!;
        await Send(api, HttpMethod.Post, "/api/campaigns/new", """{"name":"Winback","isPublished":false}""");
        var (_, patched) = await Send(api, HttpMethod.Patch, $"/api/campaigns/{id}/edit", """{"isPublished":0}""");
        var (_, list) = await Send(api, HttpMethod.Get, "/api/campaigns?search=welc", "");
        var (_, ordered) = await Send(api, HttpMethod.Get, "/api/campaigns?orderBy=name&orderByDir=desc&limit=1", "");
        var (deleted, _) = await Send(api, HttpMethod.Delete, $"/api/campaigns/{id}/delete", "");
        var (gone, _) = await Send(api, HttpMethod.Get, $"/api/campaigns/{id}", "");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"http://localhost/api/campaigns/{id}", created.Headers.Location?.ToString());
        Assert.True((bool)body["campaign"]!["isPublished"]!);
        Assert.Equal("First steps", (string)patched["campaign"]!["description"]!);
        Assert.False((bool)patched["campaign"]!["isPublished"]!);
        Assert.Equal(1, (int)list["total"]!);
        Assert.Equal("Welcome", (string)list["campaigns"]![id.ToString()]!["name"]!);
        Assert.Equal(2, (int)ordered["total"]!);
        Assert.Equal("Winback", (string)ordered["campaigns"]!.AsObject().Single().Value!["name"]!);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":", "not valid JSON")]
    [InlineData("{\"description\":\"no name\"}", "name: A value is required.")]
    [InlineData("{\"name\":\"X\",\"engine\":\"on\"}", "Unknown campaign properties: engine.")]
    [InlineData("{\"name\":42}", "name and description must be strings.")]
    [InlineData("{\"name\":\"X\",\"isPublished\":\"perhaps\"}", "isPublished must be true or false.")]
    [InlineData("{\"name\":\"X\\u0000Y\"}", "name: must not hold control characters")]
    [InlineData("{\"name\":\"X\",\"description\":\"bell\\u0007\"}", "description: must not hold control characters")]
    public async Task Bad_bodies_answer_400(string json, string message)
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/campaigns/new", json);
        var (_, list) = await Send(api, HttpMethod.Get, "/api/campaigns", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (string)body["errors"]![0]!["message"]!);
        Assert.Equal(0, (int)list["total"]!);
    }

    [Fact]
    public async Task An_over_long_name_answers_400()
    {
        await using var api = new ApiFactory(store());

        var (response, _) = await Send(api, HttpMethod.Post, "/api/campaigns/new", $$"""{"name":"{{new string('n', 256)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/campaigns/404")]
    [InlineData("PATCH", "/api/campaigns/404/edit")]
    [InlineData("DELETE", "/api/campaigns/404/delete")]
    [InlineData("POST", "/api/campaigns/404/contact/1/add")]
    [InlineData("GET", "/api/contacts/404/campaigns")]
    public async Task Unknown_ids_answer_404(string method, string url)
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, new HttpMethod(method), url, """{"name":"X"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (int)body["errors"]![0]!["code"]!);
    }

    [Fact]
    public async Task Membership_is_added_removed_shown_on_the_timeline_and_kept_by_a_merge()
    {
        await using var api = new ApiFactory(store());
        var (_, first) = await Send(api, HttpMethod.Post, "/api/campaigns/new", """{"name":"One"}""");
        var (_, second) = await Send(api, HttpMethod.Post, "/api/campaigns/new", """{"name":"Two"}""");
        var one = (long)first["campaign"]!["id"]!;
        var two = (long)second["campaign"]!["id"]!;
        var winner = await Create(api, """{"email":"camp-win@example.com"}""");
        var loser = await Create(api, """{"email":"camp-lose@example.com"}""");

        var (added, success) = await Send(api, HttpMethod.Post, $"/api/campaigns/{one}/contact/{winner}/add", "");
        await Send(api, HttpMethod.Post, $"/api/campaigns/{two}/contact/{winner}/add", "");
        await Send(api, HttpMethod.Post, $"/api/campaigns/{two}/contact/{winner}/remove", "");
        await Send(api, HttpMethod.Post, $"/api/campaigns/{two}/contact/{loser}/add", "");
        var (_, before) = await Send(api, HttpMethod.Get, $"/api/contacts/{winner}/campaigns", "");
        await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}", "");
        var (_, after) = await Send(api, HttpMethod.Get, $"/api/contacts/{winner}/campaigns", "");
        var (_, activity) = await Send(api, HttpMethod.Get, $"/api/contacts/{winner}/activity?filters[includeEvents][]=campaign_membership", "");

        Assert.Equal(1, (int)success["success"]!);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(1, (int)before["total"]!);
        Assert.Equal("One", (string)before["campaigns"]![one.ToString()]!["name"]!);
        Assert.Equal(2, (int)after["total"]!);
        Assert.Equal("Two", (string)after["campaigns"]![two.ToString()]!["name"]!);
        Assert.Equal(4, (int)activity["total"]!);
    }
}

public sealed class SqliteCampaignTests() : CampaignTests(TestStore.Sqlite);

public sealed class PostgreSqlCampaignTests() : CampaignTests(TestStore.PostgreSql);
