using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Resources.ResourceCalls;

namespace Actors.Api.Tests.Resources;

/// <summary>/api/tags and /api/categories through the real pipeline on a real store.</summary>
public abstract class TagAndCategoryApiTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_tag_used_on_a_contact_appears_in_the_list_with_an_id()
    {
        await using var api = new ApiFactory(store());
        await Create(api, "/api/tags/new", "tag", """{"tag":"vip","description":"Important"}""");
        await CreateContact(api, """{"email":"t@example.com","tags":["vip","pricing"]}""");

        var list = await Get(api, "/api/tags");

        Assert.Equal(2, (int)list["total"]!);
        var tags = list["tags"]!.AsObject().Select(t => (string)t.Value!["tag"]!).Order().ToArray();
        Assert.Equal(["pricing", "vip"], tags);
        var pricing = list["tags"]!.AsObject().Single(t => (string)t.Value!["tag"]! == "pricing");
        Assert.Equal("pricing", (string)(await Get(api, $"/api/tags/{pricing.Key}"))["tag"]!["tag"]!);
    }

    [Fact]
    public async Task A_contact_answers_its_tags_with_the_ids_the_tag_list_has()
    {
        await using var api = new ApiFactory(store());
        await Create(api, "/api/tags/new", "tag", """{"tag":"zeta"}""");
        await Create(api, "/api/tags/new", "tag", """{"tag":"alpha"}""");
        var created = await Create(api, "/api/contacts/new", "contact", """{"email":"ids@example.com","tags":["zeta","alpha","never-listed"]}""");
        var id = (long)created["id"]!;

        var fetched = (await Get(api, $"/api/contacts/{id}"))["contact"]!;
        var listed = (await Get(api, "/api/contacts?search=" + Uri.EscapeDataString("ids:" + id)))["contacts"]![id.ToString()]!;
        var tagIds = (await Get(api, "/api/tags?limit=0"))["tags"]!.AsObject().ToDictionary(t => (string)t.Value!["tag"]!, t => long.Parse(t.Key));

        Assert.Equal(3, tagIds.Count);
        foreach (var contact in new[] { created, fetched, listed })
            Assert.Equal(tagIds.OrderBy(t => t.Key), contact["tags"]!.AsArray().Select(t => KeyValuePair.Create((string)t!["tag"]!, (long)t["id"]!)).OrderBy(t => t.Key));
    }

    [Fact]
    public async Task Renaming_a_tag_renames_it_on_contacts_and_deleting_it_takes_it_off_them()
    {
        await using var api = new ApiFactory(store());
        var id = (long)(await Create(api, "/api/tags/new", "tag", """{"tag":"old"}"""))["id"]!;
        var contact = await CreateContact(api, """{"email":"r@example.com","tags":"old,keep"}""");

        var (renamed, _) = await Send(api, HttpMethod.Patch, $"/api/tags/{id}/edit", """{"tag":"new"}""");

        Assert.Equal(HttpStatusCode.OK, renamed);
        Assert.Equal(["keep", "new"], (await api.Grains.GetContact(contact).Get())!.Tags);
        Assert.Equal([contact], await Search(api, "tag:new"));

        var (deleted, _) = await Send(api, HttpMethod.Delete, $"/api/tags/{id}/delete");

        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(["keep"], (await api.Grains.GetContact(contact).Get())!.Tags);
        Assert.Empty(await Search(api, "tag:new"));
    }

    [Fact]
    public async Task Tag_errors_are_4xx_in_the_error_body()
    {
        await using var api = new ApiFactory(store());
        await Create(api, "/api/tags/new", "tag", """{"tag":"vip"}""");

        var (duplicate, _) = await Send(api, HttpMethod.Post, "/api/tags/new", """{"tag":"VIP"}""");
        var (missing, _) = await Send(api, HttpMethod.Post, "/api/tags/new", """{"description":"no tag"}""");
        var (minus, _) = await Send(api, HttpMethod.Post, "/api/tags/new", """{"tag":"-vip"}""");
        var (wrongType, _) = await Send(api, HttpMethod.Post, "/api/tags/new", """{"tag":true}""");
        var (unknown, _) = await Send(api, HttpMethod.Get, "/api/tags/404");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate);
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal(HttpStatusCode.BadRequest, minus);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task A_category_gets_an_alias_unique_within_its_bundle()
    {
        await using var api = new ApiFactory(store());

        var first = await Create(api, "/api/categories/new", "category", """{"title":"Spring Sale","color":"#4E5D9D"}""");
        var second = await Create(api, "/api/categories/new", "category", """{"title":"Spring Sale"}""");
        var email = await Create(api, "/api/categories/new", "category", """{"title":"Spring Sale","bundle":"email"}""");
        var (taken, _) = await Send(api, HttpMethod.Post, "/api/categories/new", """{"title":"x","alias":"spring-sale","bundle":"email"}""");
        var (patched, patch) = await Send(api, HttpMethod.Patch, $"/api/categories/{first["id"]}/edit", """{"isPublished":"0"}""");
        var list = await Get(api, "/api/categories?search=email");

        Assert.Equal("spring-sale", (string)first["alias"]!);
        Assert.Equal("global", (string)first["bundle"]!);
        Assert.Equal("4e5d9d", (string)first["color"]!);
        Assert.Equal("spring-sale1", (string)second["alias"]!);
        Assert.Equal("spring-sale", (string)email["alias"]!);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken);
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.False((bool)patch["category"]!["isPublished"]!);
        Assert.Equal(1, (int)list["total"]!);
        Assert.Equal(2, (int)(await Get(api, "/api/categories?publishedOnly=1"))["total"]!);
    }

    [Theory]
    [InlineData("{\"title\":\"x\",\"color\":\"blue\"}", "color: A color is six hexadecimal digits")]
    [InlineData("{\"title\":\"x\",\"bundle\":\"a b\"}", "bundle: A bundle is a name")]
    [InlineData("{\"alias\":\"x\"}", "title: A value is required.")]
    [InlineData("{\"title\":\"x\",\"parent\":1}", "parent: This is not a member of this resource.")]
    [InlineData("{\"title\":\"x\",}", "not valid JSON")]
    public async Task A_bad_category_body_answers_400(string json, string message)
    {
        await using var api = new ApiFactory(store());

        var (status, body) = await Send(api, HttpMethod.Post, "/api/categories/new", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, Message(body));
    }

    [Fact]
    public async Task Category_edits_and_deletes_answer_404_for_unknown_ids_and_put_creates()
    {
        await using var api = new ApiFactory(store());

        var (patch, _) = await Send(api, HttpMethod.Patch, "/api/categories/5/edit", """{"title":"x"}""");
        var (delete, _) = await Send(api, HttpMethod.Delete, "/api/categories/5/delete");
        var (put, created) = await Send(api, HttpMethod.Put, "/api/categories/5/edit", """{"title":"Made"}""");
        var (listing, _) = await Send(api, HttpMethod.Get, "/api/categories?orderBy=nonsense");

        Assert.Equal(HttpStatusCode.NotFound, patch);
        Assert.Equal(HttpStatusCode.NotFound, delete);
        Assert.Equal(HttpStatusCode.Created, put);
        Assert.Equal("made", (string)created["category"]!["alias"]!);
        Assert.Equal(HttpStatusCode.BadRequest, listing);
    }
}

public sealed class SqliteTagAndCategoryApiTests() : TagAndCategoryApiTests(TestStore.Sqlite);

public sealed class PostgreSqlTagAndCategoryApiTests() : TagAndCategoryApiTests(TestStore.PostgreSql);
