using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// The methods Mautic's routes take (MAUTIC-SPEC 1.1, 1.6, 1.9): the tracking routes take any method (the pixel answers
/// one other than GET or HEAD with a single space), and OPTIONS on them is answered 204 by the CORS rules, with the
/// allow headers only for a valid origin asking for request headers. /api keeps its own methods and answers no preflight.
/// </summary>
public abstract class TrackingMethodsTests(Func<TestStore> store)
{
    [Fact]
    public async Task The_tracking_routes_take_any_method()
    {
        await using var api = new ApiFactory(store());
        var form = new Dictionary<string, string> { ["page_url"] = "https://shop.test/", ["tags"] = "put" };

        var put = await Send(api.Visitor(), "/mtc/event", form: form, method: HttpMethod.Put);
        var post = await Send(api.Visitor(), "/mtc", form: new Dictionary<string, string>(), method: HttpMethod.Post);
        var delete = await Send(api.Visitor(), "/mtracking.gif?page_url=https%3A%2F%2Fshop.test%2F", method: HttpMethod.Delete);
        var script = await Send(api.Visitor(), "/mtc.js", form: new Dictionary<string, string>(), method: HttpMethod.Post);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var tracked = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
        Assert.Equal("put", (string)(await Contact(api, (long)tracked["id"]!))["tags"]![0]!["tag"]!);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.NotNull(JsonNode.Parse(await post.Content.ReadAsStringAsync())!["id"]);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(" ", await delete.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.StartsWith("application/javascript", script.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Options_on_tracking_paths_is_answered_204_with_cors_only_for_a_valid_origin_and_api_answers_no_preflight()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Tracking:ValidDomains:0"] = "https://shop.test" });
        var asks = new Dictionary<string, string> { ["Origin"] = "https://shop.test", ["Access-Control-Request-Method"] = "GET", ["Access-Control-Request-Headers"] = "authorization" };

        var script = await Send(api.Visitor(), "/mtc.js", method: HttpMethod.Options, headers: asks);
        var contacts = await Send(api.Visitor(), "/api/contacts", method: HttpMethod.Options, headers: asks);
        var refused = await Send(api.Visitor(), "/mtc/event", method: HttpMethod.Options,
            headers: new(asks) { ["Origin"] = "https://evil.test" });
        var putList = await api.ApiClient().PutAsync("/api/contacts", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NoContent, script.StatusCode);
        Assert.Equal("https://shop.test", script.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, contacts.StatusCode);
        Assert.False(contacts.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.NoContent, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, putList.StatusCode);
    }
}

public sealed class SqliteTrackingMethodsTests() : TrackingMethodsTests(TestStore.Sqlite);

public sealed class PostgreSqlTrackingMethodsTests() : TrackingMethodsTests(TestStore.PostgreSql);
