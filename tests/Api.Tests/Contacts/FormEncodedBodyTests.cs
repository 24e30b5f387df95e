using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// Bodies as Mautic's PHP api-library sends them: http_build_query output, form-encoded, PHP arrays in brackets.
/// The pairs below are what PHP writes for the arrays in each test's comment.
/// </summary>
public abstract class FormEncodedBodyTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_contact_created_from_a_php_form_body_gets_its_fields_tags_points_and_do_not_contact()
    {
        await using var api = new ApiFactory(store());

        // ['firstname'=>'Jim','email'=>'jim@example.com','tags'=>['a','b'],'points'=>7,
        //  'doNotContact'=>[['channel'=>'email','reason'=>3,'comments'=>'asked']]]
        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new",
            ("firstname", "Jim"), ("email", "jim@example.com"), ("tags[0]", "a"), ("tags[1]", "b"), ("points", "7"),
            ("doNotContact[0][channel]", "email"), ("doNotContact[0][reason]", "3"), ("doNotContact[0][comments]", "asked"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var contact = body["contact"]!;
        Assert.Equal("Jim", (string)contact["fields"]!["all"]!["firstname"]!);
        Assert.Equal(7, (int)contact["points"]!);
        Assert.Equal(["a", "b"], contact["tags"]!.AsArray().Select(t => (string)t!["tag"]!));
        var dnc = Assert.Single(contact["doNotContact"]!.AsArray());
        Assert.Equal("email", (string)dnc!["channel"]!);
        Assert.Equal(3, (int)dnc["reason"]!);
    }

    [Fact]
    public async Task A_name_nesting_arrays_deeper_than_64_levels_is_a_400_and_64_levels_are_read()
    {
        await using var api = new ApiFactory(store());

        var (deep, deepBody) = await Send(api, HttpMethod.Post, "/api/contacts/new",
            ("email", "deep@example.com"), ("tags" + string.Concat(Enumerable.Repeat("[0]", 4000)), "a"));
        var (limit, _) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new",
            ("0[email]", "limit@example.com"), ("0[tags]" + string.Concat(Enumerable.Repeat("[0]", 63)), "a"));

        Assert.Equal(HttpStatusCode.BadRequest, deep.StatusCode);
        Assert.Equal("A parameter name nests arrays deeper than 64 levels.", (string)deepBody["errors"]![0]!["message"]!);
        Assert.NotEqual(HttpStatusCode.BadRequest, limit.StatusCode);
        Assert.Equal("0", (string)(await Send(api, HttpMethod.Get, "/api/contacts?search=email:deep@example.com")).Body["total"]!);
    }

    [Fact]
    public async Task A_pair_without_a_name_is_left_out_as_php_leaves_it_out()
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", ("email", "nameless@example.com"), ("", "x"), ("[a]", "y"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("nameless@example.com", (string)body["contact"]!["fields"]!["all"]!["email"]!);
    }

    [Fact]
    public async Task A_php_batch_keyed_by_index_creates_each_contact()
    {
        await using var api = new ApiFactory(store());

        // [['email'=>'a@example.com'],['email'=>'b@example.com','firstname'=>'Bea']]
        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new",
            ("0[email]", "a@example.com"), ("1[email]", "b@example.com"), ("1[firstname]", "Bea"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([201, 201], body["statusCodes"]!.AsArray().Select(code => (int)code!));
        Assert.Equal(["a@example.com", "b@example.com"], body["contacts"]!.AsArray().Select(c => (string)c!["fields"]!["all"]!["email"]!));
    }

    [Fact]
    public async Task A_php_patch_with_overwrite_with_blank_as_1_clears_the_field()
    {
        await using var api = new ApiFactory(store());
        var (_, created) = await Send(api, HttpMethod.Post, "/api/contacts/new", ("email", "jim@example.com"), ("city", "Paris"));
        var id = (long)created["contact"]!["id"]!;

        // ['city'=>'','overwriteWithBlank'=>true]
        var (response, body) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", ("city", ""), ("overwriteWithBlank", "1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(body["contact"]!["fields"]!["all"]!["city"]);
    }

    [Fact]
    public async Task A_name_given_as_a_value_and_as_an_array_holds_the_later_as_in_php()
    {
        await using var api = new ApiFactory(store());

        // PHP's parse_str: tags=a&tags[0]=b is ['tags'=>['b']]; tags[0]=c&tags=d,e is ['tags'=>'d,e'].
        var (first, created) = await Send(api, HttpMethod.Post, "/api/contacts/new", ("email", "jim@example.com"), ("tags", "a"), ("tags[0]", "b"));
        var id = (long)created["contact"]!["id"]!;
        var (second, edited) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", ("tags[0]", "c"), ("tags", "d,e"), ("city[0][x]", "Rome"), ("city", "Oslo"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(["b"], created["contact"]!["tags"]!.AsArray().Select(t => (string)t!["tag"]!));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(["b", "d", "e"], edited["contact"]!["tags"]!.AsArray().Select(t => (string)t!["tag"]!).Order());
        Assert.Equal("Oslo", (string)edited["contact"]!["fields"]!["all"]!["city"]!);
    }

    [Fact]
    public async Task Tags_keyed_by_zero_padded_and_plain_indexes_are_all_kept_in_the_order_they_came()
    {
        await using var api = new ApiFactory(store());

        // PHP's parse_str: tags[01]=a&tags[1]=b is ['01'=>'a',1=>'b'], "01" being a string key.
        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", ("email", "jim@example.com"), ("tags[01]", "a"), ("tags[1]", "b"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["a", "b"], body["contact"]!["tags"]!.AsArray().Select(t => (string)t!["tag"]!));
    }

    [Fact]
    public async Task An_unknown_field_in_a_form_body_is_refused_like_in_json()
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", ("email", "jim@example.com"), ("shoe_size", "44"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("shoe_size", (string)body["errors"]![0]!["message"]!);
    }

    [Theory]
    [InlineData("/api/contacts/new", "email=bad%40example.com&firstname=%FF", "firstname")]
    [InlineData("/api/contacts/new", "email=bad%40example.com&firstname=Ren%C3", "firstname")]
    [InlineData("/api/contacts/new", "email=bad%40example.com&city=%C3é", "city")]
    [InlineData("/api/contacts/batch/new", "0[email]=bad%40example.com&0[lastname]=%E2%82", "0[lastname]")]
    [InlineData("/api/contacts/new", "email=bad%40example.com&%FF=x", "'%FF'")]
    public async Task A_form_value_that_is_not_UTF8_once_percent_decoded_is_a_400_naming_it_and_stores_nothing(string url, string form, string named)
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await SendRaw(api, HttpMethod.Post, url, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (string)body["errors"]![0]!["message"]!;
        Assert.Contains(named, message);
        Assert.Contains("not valid UTF-8", message);
        Assert.Equal("0", (string)(await Send(api, HttpMethod.Get, "/api/contacts?search=email:bad@example.com")).Body["total"]!);
    }

    [Fact]
    public async Task Escaped_UTF8_and_an_escaped_percent_are_read_as_sent_and_an_edit_is_held_to_the_same_rule()
    {
        await using var api = new ApiFactory(store());

        var (created, body) = await SendRaw(api, HttpMethod.Post, "/api/contacts/new", "email=ok%40example.com&firstname=Ren%C3%A9&lastname=%25FF");
        var id = (long)body["contact"]!["id"]!;
        var (edited, _) = await SendRaw(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", "firstname=%FF");
        var (_, after) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        Assert.Equal("René", (string)after["contact"]!["fields"]!["all"]!["firstname"]!);
        Assert.Equal("%FF", (string)after["contact"]!["fields"]!["all"]!["lastname"]!);
    }

    /// <summary>Sends <paramref name="form"/> as it is written, escapes no client would make included.</summary>
    private static Task<(HttpResponseMessage Response, JsonNode Body)> SendRaw(ApiFactory api, HttpMethod method, string url, string form)
        => Send(api, new HttpRequestMessage(method, url) { Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") });

    private static Task<(HttpResponseMessage Response, JsonNode Body)> Send(ApiFactory api, HttpMethod method, string url, params (string Key, string Value)[] pairs)
    {
        var request = new HttpRequestMessage(method, url)
        {
            Content = new FormUrlEncodedContent(pairs.Select(pair => KeyValuePair.Create(pair.Key, pair.Value))),
        };
        return Send(api, request);
    }

    private static async Task<(HttpResponseMessage Response, JsonNode Body)> Send(ApiFactory api, HttpRequestMessage request)
    {
        var response = await api.ApiClient().SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}

public sealed class SqliteFormEncodedBodyTests() : FormEncodedBodyTests(TestStore.Sqlite);

public sealed class PostgreSqlFormEncodedBodyTests() : FormEncodedBodyTests(TestStore.PostgreSql);
