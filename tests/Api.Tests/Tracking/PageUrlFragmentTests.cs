using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// Only page_url's real query counts: Mautic reads parse_url(page_url, PHP_URL_QUERY), which stops at the '#', so a
/// single-page app's route (<c>/#/checkout?email=…</c>) names no parameters.
/// </summary>
public abstract class PageUrlFragmentTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_query_inside_page_urls_fragment_neither_identifies_nor_tags_while_the_one_before_it_does()
    {
        await using var api = new ApiFactory(store());
        await MakePubliclyUpdatable(api, "email");

        var spa = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.test/#/checkout?email=spa@x.test&tags=fragtag" });
        var real = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.test/landing?email=real@x.test#/c?tags=fragtag" });

        var spaContact = await Contact(api, (long)spa["id"]!);
        Assert.Null(spaContact["fields"]!["all"]!["email"]);
        Assert.Null(spaContact["dateIdentified"]);
        Assert.Empty(spaContact["tags"]!.AsArray());
        var realContact = await Contact(api, (long)real["id"]!);
        Assert.Equal("real@x.test", (string)realContact["fields"]!["all"]!["email"]!);
        Assert.Empty(realContact["tags"]!.AsArray());
    }
}

public sealed class SqlitePageUrlFragmentTests() : PageUrlFragmentTests(TestStore.Sqlite);

public sealed class PostgreSqlPageUrlFragmentTests() : PageUrlFragmentTests(TestStore.PostgreSql);
