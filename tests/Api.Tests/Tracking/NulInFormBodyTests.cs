using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// A percent-encoded NUL (or any control character) is cleaned out of a value wherever it is sent: the pixel's query,
/// /mtc/event's query string and its form body alike are tracked with the character dropped, as every tracked value is
/// cleaned (TrackedValue), rather than the body dropping the whole hit.
/// </summary>
public abstract class NulInFormBodyTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_nul_in_a_form_value_is_dropped_from_the_value_as_in_the_query_string()
    {
        await using var api = new ApiFactory(store());
        await MakePubliclyUpdatable(api, "firstname");

        var inBody = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.test/", ["firstname"] = "Jo\0e", ["zz"] = "a\0b" });
        var inQuery = await Send(api.Visitor(), "/mtc/event?firstname=Jo%00e&zz=a%00b", form: new Dictionary<string, string> { ["page_url"] = "https://shop.test/" });

        Assert.Equal(1, (int)inBody["success"]!);
        Assert.Equal("Joe", (string)(await Contact(api, (long)inBody["id"]!))["fields"]!["all"]!["firstname"]!);
        Assert.Equal(HttpStatusCode.OK, inQuery.StatusCode);
        var queried = JsonNode.Parse(await inQuery.Content.ReadAsStringAsync())!;
        Assert.Equal("Joe", (string)(await Contact(api, (long)queried["id"]!))["fields"]!["all"]!["firstname"]!);
    }
}

public sealed class SqliteNulInFormBodyTests() : NulInFormBodyTests(TestStore.Sqlite);

public sealed class PostgreSqlNulInFormBodyTests() : NulInFormBodyTests(TestStore.PostgreSql);
