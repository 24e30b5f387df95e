using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// A contact body with several invalid fields is answered with every one of them in one 400, as Mautic's form validation
/// reports each invalid field: one error whose details hold a list of messages per field, in the single error's shape.
/// </summary>
public abstract class ContactFieldErrorsTests(Func<TestStore> store)
{
    /// <summary>A bad email and number field value, points that are no number, tags of the wrong shape, a stage that does not exist.</summary>
    private const string SeveralWrong = """{"email":"not-an-email","attribution":"abc","city":"Bergen","points":"x","tags":{"a":1},"stage":999}""";

    private const string SeveralWrongMessage = "email: A valid email is required., attribution: must be a number., points: must be a whole number., "
        + "tags: must be an array of tags or a comma-separated string., stage: no stage has this id.";

    private const string SeveralWrongDetails = """{"email":["A valid email is required."],"attribution":["must be a number."],"points":["must be a whole number."],"tags":["must be an array of tags or a comma-separated string."],"stage":["No stage has this id."]}""";

    public static TheoryData<string, string> Writes => new()
    {
        { "POST", "/api/contacts/new" },
        { "PUT", "/api/contacts/{id}/edit" },
        { "PATCH", "/api/contacts/{id}/edit" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_body_with_several_invalid_fields_answers_each_of_them_in_one_400_and_writes_nothing(string method, string route)
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"kept@example.com","city":"Oslo"}""");

        var (response, body) = await Send(api, new HttpMethod(method), route.Replace("{id}", id.ToString(CultureInfo.InvariantCulture)), SeveralWrong);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(400, (int)error["code"]!);
        Assert.Equal(SeveralWrongMessage, (string?)error["message"]);
        Assert.Equal(SeveralWrongDetails, error["details"]!.ToJsonString());
        Assert.Equal("Oslo", (await api.Grains.GetContact(id).Get())!.Fields["city"]);
        var (_, list) = await Send(api, HttpMethod.Get, "/api/contacts", "");
        Assert.Equal("1", list["total"]!.ToString());
    }

    [Fact]
    public async Task Every_company_and_owner_a_body_names_that_does_not_exist_is_answered_with_its_invalid_values()
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new",
            """{"email":"a@example.com","owner":9999,"companies":[991,992],"lastActive":"soon"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("lastActive: must be a date such as 2026-11-23 14:00:00., owner: no published user has this id., "
            + "companies: no company has the id 991., companies: no company has the id 992.", (string?)body["errors"]![0]!["message"]);
        Assert.Equal("""{"lastActive":["must be a date such as 2026-11-23 14:00:00."],"owner":["No published user has this id."],"companies":["No company has the id 991.","No company has the id 992."]}""",
            body["errors"]![0]!["details"]!.ToJsonString());
    }

    [Theory]
    [InlineData("POST", "/api/contacts/batch/new", 201)]
    [InlineData("PATCH", "/api/contacts/batch/edit", 200)]
    public async Task Each_batch_item_with_several_invalid_fields_has_every_one_of_them_in_its_error(string method, string route, int written)
    {
        await using var api = new ApiFactory(store());
        var first = await Create(api, """{"email":"first@example.com"}""");
        var second = await Create(api, """{"email":"second@example.com"}""");
        var third = await Create(api, """{"email":"third@example.com"}""");

        var (response, body) = await Send(api, new HttpMethod(method), route, $$"""
            [{"id":{{first}},"email":"bad","points":"x"},
             {"id":{{second}},"city":"Rome"},
             {"id":{{third}},"attribution":"abc","ipAddress":"999.1","owner":9999}]
            """);

        Assert.Equal((HttpStatusCode)written, response.StatusCode);
        Assert.Equal([400, written, 400], body["statusCodes"]!.AsArray().Select(code => (int)code!));
        Assert.Equal("""{"code":400,"message":"email: A valid email is required., points: must be a whole number.","details":{"email":["A valid email is required."],"points":["must be a whole number."]},"type":null}""",
            body["errors"]!["0"]!.ToJsonString());
        Assert.Equal("attribution: must be a number., ipAddress: '999.1' " + NotAnAddress + ", owner: no published user has this id.",
            (string?)body["errors"]!["2"]!["message"]);
        Assert.Equal(["attribution", "ipAddress", "owner"], body["errors"]!["2"]!["details"]!.AsObject().Select(field => field.Key));
    }

    [Fact]
    public async Task Several_required_fields_left_out_are_named_together_in_one_422()
    {
        await using var api = new ApiFactory(store());
        foreach (var alias in new[] { "customer_no", "tier" })
        {
            var (added, _) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", $$"""{"label":"{{alias}}","alias":"{{alias}}","type":"text","isRequired":true}""");
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"req@example.com"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("customer_no: A value is required., tier: A value is required.", (string?)body["errors"]![0]!["message"]);
        Assert.Equal("""{"customer_no":["A value is required."],"tier":["A value is required."]}""", body["errors"]![0]!["details"]!.ToJsonString());
    }
}

public sealed class SqliteContactFieldErrorsTests() : ContactFieldErrorsTests(TestStore.Sqlite);

public sealed class PostgreSqlContactFieldErrorsTests() : ContactFieldErrorsTests(TestStore.PostgreSql);
