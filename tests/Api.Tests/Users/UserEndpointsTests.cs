using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Users;

/// <summary>/api/users through the real pipeline, the embedded silo and a real store.</summary>
public abstract class UserEndpointsTests(Func<TestStore> store)
{
    private static readonly object Ann = new { username = "ann", email = "ann@example.com", firstName = "Ann", lastName = "Lee", password = "ann-password" };

    [Fact]
    public async Task An_admin_creates_reads_lists_edits_and_deletes_a_user()
    {
        await using var api = new ApiFactory(store());
        var admin = api.ApiClient();

        var created = await admin.PostAsJsonAsync("/api/users/new", Ann);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = (await Body(created))["user"]!;
        var id = (long)user["id"]!;
        Assert.Equal($"http://localhost/api/users/{id}", created.Headers.Location!.ToString());
        Assert.Equal("user", (string)user["role"]!);
        Assert.True((bool)user["isPublished"]!);

        var read = await Body(await admin.GetAsync($"/api/users/{id}"));
        var list = await Body(await admin.GetAsync("/api/users"));
        var patched = await admin.PatchAsJsonAsync($"/api/users/{id}/edit", new { email = "ann@example.org" });
        var replaced = await admin.PutAsJsonAsync($"/api/users/{id}/edit", new { email = "ann@example.net", firstName = "Annie", lastName = "Lee" });
        var deleted = await admin.DeleteAsync($"/api/users/{id}/delete");

        Assert.Equal("ann@example.com", (string)read["user"]!["email"]!);
        Assert.Equal("2", (string)list["total"]!);
        Assert.Equal(["admin", "ann"], list["users"]!.AsArray().Select(u => (string)u!["username"]!));
        Assert.Equal("ann@example.org", (string)(await Body(patched))["user"]!["email"]!);
        var put = (await Body(replaced))["user"]!;
        Assert.Equal("Annie", (string)put["firstName"]!);
        Assert.NotNull((string?)put["dateModified"]);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("ann", (string)(await Body(deleted))["user"]!["username"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/users/{id}")).StatusCode);
        Assert.Equal("1", (string)(await Body(await admin.GetAsync("/api/users")))["total"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ApiClient("ann", "ann-password").GetAsync("/api/users/self")).StatusCode);
    }

    [Fact]
    public async Task The_list_searches_orders_and_pages_the_users_and_refuses_an_unknown_order()
    {
        await using var api = new ApiFactory(store());
        var admin = api.ApiClient();
        foreach (var (name, last) in new[] { ("cyd", "Zeta"), ("bea", "Alpha"), ("dan", "Mid") })
        {
            var created = await admin.PostAsJsonAsync("/api/users/new", new { username = name, email = $"{name}@staff.example", firstName = name, lastName = last, password = $"{name}-password" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var staff = await Body(await admin.GetAsync("/api/users?search=staff.example&orderBy=lastName&orderByDir=desc"));
        var page = await Body(await admin.GetAsync("/api/users?orderBy=username&start=1&limit=2"));
        var unknown = await admin.GetAsync("/api/users?orderBy=password");

        Assert.Equal("3", (string)staff["total"]!);
        Assert.Equal(["cyd", "dan", "bea"], staff["users"]!.AsArray().Select(u => (string)u!["username"]!));
        Assert.Equal("4", (string)page["total"]!);
        Assert.Equal(["bea", "cyd"], page["users"]!.AsArray().Select(u => (string)u!["username"]!));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task A_taken_username_is_422_in_any_case_and_concurrent_creations_make_one_user()
    {
        await using var api = new ApiFactory(store());
        var admin = api.ApiClient();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => admin.PostAsJsonAsync("/api/users/new",
            new { username = i % 2 == 0 ? "Bob" : "bob", email = $"bob{i}@example.com", firstName = "Bob", lastName = "Roe", password = "bob-password" })));

        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Created);
        var refused = attempts.Where(r => r.StatusCode != HttpStatusCode.Created).ToArray();
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        var error = (await Body(refused[0]))["errors"]![0]!;
        Assert.Equal(422, (int)error["code"]!);
        Assert.Equal("This username is already taken.", (string)error["details"]!["username"]![0]!);
        Assert.Equal("2", (string)(await Body(await admin.GetAsync("/api/users")))["total"]!);
    }

    [Fact]
    public async Task A_taken_email_is_422_in_any_case_on_create_and_on_edit_and_is_free_again_once_its_user_is_deleted()
    {
        await using var api = new ApiFactory(store());
        var admin = api.ApiClient();
        var ann = (long)(await Body(await admin.PostAsJsonAsync("/api/users/new", Ann)))["user"]!["id"]!;
        var bob = (long)(await Body(await admin.PostAsJsonAsync("/api/users/new",
            new { username = "bob", email = "bob@example.com", firstName = "Bob", lastName = "Roe", password = "bob-password" })))["user"]!["id"]!;

        var twin = await admin.PostAsJsonAsync("/api/users/new",
            new { username = "ann2", email = " ANN@example.com ", firstName = "Ann", lastName = "Two", password = "ann-password" });
        var patched = await admin.PatchAsJsonAsync($"/api/users/{bob}/edit", new { email = "Ann@Example.com" });
        var replaced = await admin.PutAsJsonAsync($"/api/users/{bob}/edit", new { email = "ann@example.com", firstName = "Bob", lastName = "Roe" });
        var ownCase = await admin.PatchAsJsonAsync($"/api/users/{ann}/edit", new { email = "ANN@example.com" });

        foreach (var refused in new[] { twin, patched, replaced })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var error = (await Body(refused))["errors"]![0]!;
            Assert.Equal(422, (int)error["code"]!);
            Assert.Equal("email: This email is already taken.", (string)error["message"]!);
            Assert.Equal("This email is already taken.", (string)error["details"]!["email"]![0]!);
        }
        Assert.Equal(HttpStatusCode.OK, ownCase.StatusCode);
        Assert.Equal("bob@example.com", (string)(await Body(await admin.GetAsync($"/api/users/{bob}")))["user"]!["email"]!);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/users/{ann}/delete")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/users/{bob}/edit", new { email = "ann@example.com" })).StatusCode);
    }

    [Fact]
    public async Task Concurrent_creations_with_one_email_make_one_user()
    {
        await using var api = new ApiFactory(store());
        var admin = api.ApiClient();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => admin.PostAsJsonAsync("/api/users/new",
            new { username = $"twin{i}", email = "twin@example.com", firstName = "Twin", lastName = "Roe", password = "twin-password" })));

        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(attempts.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
    }

    [Theory]
    [InlineData("""{"email":"ann@example.com","firstName":"Ann","lastName":"Lee","password":"ann-password"}""", "username")]
    [InlineData("""{"username":"ann","email":"not-an-email","firstName":"Ann","lastName":"Lee","password":"ann-password"}""", "email")]
    [InlineData("""{"username":"ann","email":"ann@example.com","firstName":"Ann","lastName":"Lee","password":"short"}""", "password")]
    [InlineData("""{"username":"ann","email":"ann@example.com","firstName":"Ann","lastName":"Lee","password":"        "}""", "password")]
    [InlineData("""{"username":"ann","email":"ann@example.com","firstName":"Ann","lastName":"Lee","plainPassword":{"password":" \t \n    "}}""", "password")]
    [InlineData("""{"username":"ann","email":"ann@example.com","lastName":"Lee","password":"ann-password"}""", "firstName")]
    [InlineData("""{"username":"a n n","email":"ann@example.com","firstName":"Ann","lastName":"Lee","password":"ann-password"}""", "username")]
    [InlineData("""{"username":"ann","email":"ann@example.com","firstName":"Ann","lastName":"Lee","password":"ann-password","role":"root"}""", "role")]
    [InlineData("""{"username":"ann","email":"ann@example.com","firstName":"Ann","lastName":"Lee","plainPassword":{"password":"ann-password","confirm":"other-password"}}""", "password")]
    public async Task Missing_or_invalid_fields_are_400_with_details_per_field(string json, string field)
    {
        await using var api = new ApiFactory(store());

        var response = await api.ApiClient().PostAsync("/api/users/new", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await Body(response))["errors"]![0]!;
        Assert.Equal(400, (int)error["code"]!);
        Assert.StartsWith(field + ": ", (string)error["message"]!);
        Assert.NotEmpty(error["details"]![field]!.AsArray());
    }

    [Theory]
    [InlineData("{\"username\":")]
    [InlineData("")]
    [InlineData("[1,2]")]
    public async Task Malformed_json_is_400_with_the_error_body(string json)
    {
        await using var api = new ApiFactory(store());

        var created = await api.ApiClient().PostAsync("/api/users/new", new StringContent(json, Encoding.UTF8, "application/json"));
        var edited = await api.ApiClient().PatchAsync("/api/users/1/edit", new StringContent(json, Encoding.UTF8, "application/json"));

        foreach (var response in new[] { created, edited })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(400, (int)(await Body(response))["errors"]![0]!["code"]!);
        }
    }

    [Fact]
    public async Task A_non_admin_may_change_only_itself_and_never_its_role_though_it_may_name_the_one_it_has()
    {
        await using var api = new ApiFactory(store());
        var ann = (long)(await Body(await api.ApiClient().PostAsJsonAsync("/api/users/new", Ann)))["user"]!["id"]!;
        var asAnn = api.ApiClient("ann", "ann-password");

        var create = await asAnn.PostAsJsonAsync("/api/users/new", new { username = "eve", email = "eve@example.com", firstName = "Eve", lastName = "X", password = "eve-password" });
        var editAdmin = await asAnn.PatchAsJsonAsync("/api/users/1/edit", new { email = "mine@example.com" });
        var deleteAdmin = await asAnn.DeleteAsync("/api/users/1/delete");
        var promote = await asAnn.PatchAsJsonAsync($"/api/users/{ann}/edit", new { role = "admin" });
        var editSelf = await asAnn.PatchAsJsonAsync($"/api/users/{ann}/edit", new { lastName = "Smith" });
        var keepStanding = await asAnn.PatchAsJsonAsync($"/api/users/{ann}/edit", new { role = "user", isPublished = true, firstName = "Annie" });
        var unpublish = await asAnn.PatchAsJsonAsync($"/api/users/{ann}/edit", new { role = "user", isPublished = false });
        var list = await asAnn.GetAsync("/api/users");

        foreach (var forbidden in new[] { create, editAdmin, deleteAdmin, promote, unpublish })
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal("You do not have access to the requested area/action.", (string)(await Body(forbidden))["errors"]![0]!["message"]!);
        }
        Assert.Equal("Smith", (string)(await Body(editSelf))["user"]!["lastName"]!);
        Assert.Equal("user", (string)(await Body(editSelf))["user"]!["role"]!);
        Assert.Equal(HttpStatusCode.OK, keepStanding.StatusCode);
        Assert.Equal("Annie", (string)(await Body(keepStanding))["user"]!["firstName"]!);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_deleted_demoted_or_unpublished()
    {
        await using var api = new ApiFactory(store());
        var admin = api.ApiClient();

        var delete = await admin.DeleteAsync("/api/users/1/delete");
        var demote = await admin.PatchAsJsonAsync("/api/users/1/edit", new { role = "user" });
        var unpublish = await admin.PatchAsJsonAsync("/api/users/1/edit", new { isPublished = false });
        var second = await admin.PostAsJsonAsync("/api/users/new", new { username = "root2", email = "r@example.com", firstName = "R", lastName = "T", password = "root2-password", role = "admin" });
        var deleteNow = await admin.DeleteAsync("/api/users/1/delete");

        foreach (var refused in new[] { delete, demote, unpublish })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("last published admin", (string)(await Body(refused))["errors"]![0]!["message"]!);
        }
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleteNow.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.ApiClient("root2", "root2-password").DeleteAsync("/api/users/2/delete")).StatusCode);
    }

    [Fact]
    public async Task No_response_carries_a_password_or_its_hash()
    {
        await using var api = new ApiFactory(store());
        var admin = api.ApiClient();
        var created = await admin.PostAsJsonAsync("/api/users/new", Ann);
        var id = (long)(await Body(created))["user"]!["id"]!;

        var bodies = new List<string> { await created.Content.ReadAsStringAsync() };
        foreach (var path in new[] { "/api/users", $"/api/users/{id}", "/api/users/self" })
            bodies.Add(await admin.GetStringAsync(path));
        bodies.Add(await (await admin.PatchAsJsonAsync($"/api/users/{id}/edit", new { password = "another-password" })).Content.ReadAsStringAsync());
        bodies.Add(await (await admin.DeleteAsync($"/api/users/{id}/delete")).Content.ReadAsStringAsync());

        Assert.All(bodies, body =>
        {
            Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AQAAAA", body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Unknown_or_malformed_ids_are_404()
    {
        await using var api = new ApiFactory(store());

        Assert.Equal(HttpStatusCode.NotFound, (await api.ApiClient().GetAsync("/api/users/999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.ApiClient().GetAsync("/api/users/abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.ApiClient().DeleteAsync("/api/users/999/delete")).StatusCode);
    }

    private static async Task<JsonNode> Body(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}

public sealed class SqliteUserEndpointsTests() : UserEndpointsTests(TestStore.Sqlite);

public sealed class PostgreSqlUserEndpointsTests() : UserEndpointsTests(TestStore.PostgreSql);
