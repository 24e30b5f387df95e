using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Contacts.ContactWriteTests;
using static Actors.Api.Tests.Imports.ImportValueRuleTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// A multiselect value sent as a list, as Mautic takes it: a JSON array, or the form encoding of Mautic's PHP client
/// (ms[0]=a&amp;ms[1]=b), on every write; stored joined by '|'. Other fields still take a single value only.
/// </summary>
public abstract class MultiselectListTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_json_list_is_taken_by_create_edit_and_batch_and_stored_joined()
    {
        await using var api = new ApiFactory(store());
        await AddInterests(api);

        var (created, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"a@example.com","interests":["golf","chess"]}""");
        var id = (long)body["contact"]!["id"]!;
        var (patched, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", """{"interests":["chess"]}""");
        var (put, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{id}/edit", """{"email":"a@example.com","interests":["golf","golf","chess"]}""");
        var (batch, batched) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new", """[{"email":"b@example.com","interests":["chess","golf"]}]""");
        var (batchEdit, _) = await Send(api, HttpMethod.Patch, "/api/contacts/batch/edit", $$"""[{"id":{{id}},"interests":["golf"]}]""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("golf|chess", (string)body["contact"]!["fields"]!["all"]!["interests"]!);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal([201], batched["statusCodes"]!.AsArray().Select(code => (int)code!));
        Assert.Equal("chess|golf", (string)batched["contacts"]![0]!["fields"]!["all"]!["interests"]!);
        Assert.Equal(HttpStatusCode.Created, batch.StatusCode);
        Assert.Equal(HttpStatusCode.OK, batchEdit.StatusCode);
        Assert.Equal("golf", (await api.Grains.GetContact(id).Get())!.Fields["interests"]);
    }

    [Fact]
    public async Task A_php_form_list_is_taken_and_an_option_not_in_the_list_is_still_refused()
    {
        await using var api = new ApiFactory(store());
        await AddInterests(api);

        var form = await api.ApiClient().PostAsync("/api/contacts/new", new FormUrlEncodedContent(
            [KeyValuePair.Create("email", "a@example.com"), KeyValuePair.Create("interests[0]", "golf"), KeyValuePair.Create("interests[1]", "chess")]));
        var (unknown, refused) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"b@example.com","interests":["golf","polo"]}""");

        Assert.Equal(HttpStatusCode.Created, form.StatusCode);
        Assert.Equal("golf|chess", (string)JsonNode.Parse(await form.Content.ReadAsStringAsync())!["contact"]!["fields"]!["all"]!["interests"]!);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("interests: must be one of golf, chess (several joined by |).", (string)refused["errors"]![0]!["message"]!);
    }

    [Theory]
    [InlineData("golf|chess", "interests[0]", "golf", "interests[1]", "chess")]
    [InlineData("chess|golf", "interests[1]", "chess", "interests[0]", "golf")]
    [InlineData("golf", "interests[5]", "golf")]
    [InlineData("chess|golf", "interests[7]", "chess", "interests[-2]", "golf")]
    [InlineData("golf|chess", "interests[]", "golf", "interests[]", "chess")]
    [InlineData("golf|chess", "interests[1]", "golf", "interests[]", "chess")]
    [InlineData("chess", "interests[1]", "golf", "interests[1]", "chess")]
    // After the greatest index a long can be there is no next one: PHP refuses the append.
    [InlineData("golf", "interests[9223372036854775807]", "golf", "interests[]", "chess")]
    // Only canonical integers are integer keys in PHP: "01", "-0" and a number past a long are string keys, apart from 1 and 0.
    [InlineData("golf|chess", "interests[01]", "golf", "interests[1]", "chess")]
    [InlineData("chess|golf", "interests[-0]", "chess", "interests[0]", "golf")]
    [InlineData("golf|chess", "interests[01]", "golf", "interests[]", "chess")]
    [InlineData("golf|chess", "interests[9223372036854775808]", "golf", "interests[]", "chess")]
    // One name as a value and as an array: PHP keeps the later.
    [InlineData("chess", "interests", "golf", "interests[0]", "chess")]
    [InlineData("golf", "interests[0]", "chess", "interests", "golf")]
    [InlineData("golf", "interests", "chess", "interests[0]", "chess", "interests", "golf")]
    public async Task A_php_form_list_is_its_values_in_the_order_they_came_whatever_their_indexes(string stored, params string[] pairs)
    {
        await using var api = new ApiFactory(store());
        await AddInterests(api);
        var form = pairs.Chunk(2).Select(pair => KeyValuePair.Create(pair[0], pair[1])).Prepend(KeyValuePair.Create("email", "a@example.com"));

        var response = await api.ApiClient().PostAsync("/api/contacts/new", new FormUrlEncodedContent(form));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        Assert.Equal(stored, (string)JsonNode.Parse(body)!["contact"]!["fields"]!["all"]!["interests"]!);
    }

    [Fact]
    public async Task A_multiselect_default_may_be_a_list_stored_joined_and_checked_against_the_options()
    {
        await using var api = new ApiFactory(store());
        await AddInterests(api);

        var (created, field) = await Send(api, HttpMethod.Post, "/api/fields/contact/new",
            """{"label":"Hobbies","type":"multiselect","defaultValue":["chess","golf"],"properties":{"list":["golf","chess","polo"]}}""");
        var (refused, error) = await Send(api, HttpMethod.Post, "/api/fields/contact/new",
            """{"label":"Games","type":"multiselect","defaultValue":["golf","darts"],"properties":{"list":["golf","chess"]}}""");
        var (nested, nestedError) = await Send(api, HttpMethod.Post, "/api/fields/contact/new",
            """{"label":"Games","type":"multiselect","defaultValue":[["golf"]],"properties":{"list":["golf","chess"]}}""");
        var (notMultiselect, _) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", """{"label":"Town","defaultValue":["Rome"]}""");
        var id = (long)field["field"]!["id"]!;
        var (edited, editedField) = await Send(api, HttpMethod.Patch, $"/api/fields/contact/{id}/edit", """{"defaultValue":["polo"," golf "]}""");
        var (contactMade, contact) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"a@example.com"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("chess|golf", (string)field["field"]!["defaultValue"]!);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("defaultValue: Must be one of golf, chess (several joined by |).", (string)error["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);
        Assert.Equal("defaultValue: Must be a value or a list of values.", (string)nestedError["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, notMultiselect.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("polo|golf", (string)editedField["field"]!["defaultValue"]!);
        Assert.Equal(HttpStatusCode.Created, contactMade.StatusCode);
        Assert.Equal("polo|golf", (string)contact["contact"]!["fields"]!["all"]!["hobbies"]!);
    }

    [Theory]
    [InlineData("""{"email":"a@example.com","city":["Rome","Oslo"]}""", "city: must be a single value.")]
    [InlineData("""{"email":"a@example.com","interests":[["golf"]]}""", "interests: must be a value or a list of values.")]
    [InlineData("""{"email":"a@example.com","interests":{"a":"golf"}}""", "interests: must be a value or a list of values.")]
    public async Task A_list_for_another_field_or_a_nested_one_is_refused(string json, string message)
    {
        await using var api = new ApiFactory(store());
        await AddInterests(api);

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (string)body["errors"]![0]!["message"]!);
    }

    private static Task AddInterests(ApiFactory api) => AddField(api,
        """{"label":"Interests","alias":"interests","type":"multiselect","properties":{"list":[{"label":"Golf","value":"golf"},{"label":"Chess","value":"chess"}]}}""");
}

public sealed class SqliteMultiselectListTests() : MultiselectListTests(TestStore.Sqlite);

public sealed class PostgreSqlMultiselectListTests() : MultiselectListTests(TestStore.PostgreSql);
