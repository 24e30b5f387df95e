using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// Where page_url comes from, as Mautic's getPageUrl decides (MAUTIC-SPEC 1.7 step 2): an explicit, non-empty page_url
/// parameter first; only without one the page_url inside <c>d</c>, else the Referer header. d is then not read at all,
/// so an explicit page_url with a d that cannot be decoded is still tracked.
/// </summary>
public abstract class PageUrlPrecedenceTests(Func<TestStore> store)
{
    [Fact]
    public async Task An_explicit_page_url_wins_over_d_which_wins_over_the_referer_when_page_url_is_absent_or_empty()
    {
        await using var api = new ApiFactory(store());
        var referer = new Dictionary<string, string> { ["Referer"] = "https://shop.test/?tags=referer" };

        var explicitOne = await Send(api.Visitor(), "/mtc/event", headers: referer,
            form: new Dictionary<string, string> { ["page_url"] = "https://shop.test/?tags=explicit", ["d"] = D("https://shop.test/?tags=fromd") });
        var absent = await Send(api.Visitor(), "/mtc/event", headers: referer, form: new Dictionary<string, string> { ["d"] = D("https://shop.test/?tags=fromd") });
        var empty = await Send(api.Visitor(), "/mtc/event", headers: referer,
            form: new Dictionary<string, string> { ["page_url"] = "", ["d"] = D("https://shop.test/?tags=fromd") });

        Assert.Equal(["explicit"], await Tags(api, explicitOne));
        Assert.Equal(["fromd"], await Tags(api, absent));
        Assert.Equal(["fromd"], await Tags(api, empty));
    }

    [Fact]
    public async Task An_explicit_page_url_leaves_an_undecodable_d_unread_and_the_hit_is_tracked()
    {
        await using var api = new ApiFactory(store());

        var reply = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.test/?tags=explicit", ["d"] = "bm90IHBocA==" });

        Assert.Equal(1, (int)reply["success"]!);
        Assert.Equal(["explicit"], await Tags(api, reply["id"]!));
    }

    /// <summary>d as Mautic's tracking pixel generator makes it: base64 of a PHP-serialized array.</summary>
    private static string D(string pageUrl)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes($"a:1:{{s:8:\"page_url\";s:{Encoding.UTF8.GetByteCount(pageUrl)}:\"{pageUrl}\";}}"));

    private static async Task<string[]> Tags(ApiFactory api, HttpResponseMessage response)
        => await Tags(api, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!);

    private static async Task<string[]> Tags(ApiFactory api, JsonNode id)
        => (await Contact(api, (long)id))["tags"]!.AsArray().Select(t => (string)t!["tag"]!).ToArray();
}

public sealed class SqlitePageUrlPrecedenceTests() : PageUrlPrecedenceTests(TestStore.Sqlite);

public sealed class PostgreSqlPageUrlPrecedenceTests() : PageUrlPrecedenceTests(TestStore.PostgreSql);
