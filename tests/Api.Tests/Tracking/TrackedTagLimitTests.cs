using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Api.Tracking;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// Tracking hits are unauthenticated, so what they may add to the tag list is bounded: a few tags a hit, and a few
/// new tags a minute on each silo. The budget's clock is the test's, so a minute passes only when the test says.
/// </summary>
public abstract class TrackedTagLimitTests(Func<TestStore> store)
{
    private readonly ManualClock _clock = new();

    private ApiFactory Start(int maxTagsPerHit = TrackingOptions.DefaultMaxTagsPerHit, int newTagsPerMinute = TrackingOptions.DefaultNewTagsPerMinute)
        => new(store(), new Dictionary<string, string?>
        {
            ["Tracking:MaxTagsPerHit"] = maxTagsPerHit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Tracking:NewTagsPerMinute"] = newTagsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, services => services.AddSingleton(provider => ActivatorUtilities.CreateInstance<TrackedTagBudget>(provider, (TimeProvider)_clock)));

    [Fact]
    public async Task A_hit_naming_more_tags_than_the_cap_adds_only_the_first_ones()
    {
        await using var api = Start(maxTagsPerHit: 3);

        var reply = await Event(api.Visitor(), new() { ["tags"] = "a,b,a,c,d,e" });
        var listed = await Event(api.Visitor(), new() { ["tags[0]"] = "f", ["tags[1]"] = "-a", ["tags[2]"] = "g", ["tags[3]"] = "h" });

        Assert.Equal(["a", "b", "c"], await ContactTags(api, (long)reply["id"]!));
        Assert.Equal(["f", "g"], await ContactTags(api, (long)listed["id"]!));
        Assert.Equal(["a", "b", "c", "f", "g"], await ListedTags(api));
    }

    [Fact]
    public async Task New_tags_past_the_minute_budget_are_not_created_while_known_ones_are_still_added()
    {
        await using var api = Start(newTagsPerMinute: 2);
        Assert.Equal(HttpStatusCode.Created, (await CreateTag(api, "Known")).StatusCode);

        var first = await Event(api.Visitor(), new() { ["tags"] = "n1,n2,n3,known" });
        var second = await Event(api.Visitor(), new() { ["tags"] = "N1,n4,KNOWN" });

        Assert.Equal(["known", "n1", "n2"], await ContactTags(api, (long)first["id"]!));
        Assert.Equal(["KNOWN", "N1"], await ContactTags(api, (long)second["id"]!));
        Assert.Equal(["Known", "n1", "n2"], await ListedTags(api));
        // The REST API is not rationed.
        Assert.Equal(HttpStatusCode.Created, (await CreateTag(api, "by-api")).StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var later = await Event(api.Visitor(), new() { ["tags"] = "n3,n4,n5" });

        Assert.Equal(["n3", "n4"], await ContactTags(api, (long)later["id"]!));
        Assert.Equal(["Known", "by-api", "n1", "n2", "n3", "n4"], await ListedTags(api));
    }

    [Fact]
    public async Task With_no_budget_tracking_adds_only_tags_the_catalog_holds()
    {
        await using var api = Start(newTagsPerMinute: 0);
        await CreateTag(api, "İstanbul");

        var reply = await Event(api.Visitor(), new() { ["tags"] = "new,istanbul" });

        Assert.Equal(["istanbul"], await ContactTags(api, (long)reply["id"]!));
        Assert.Equal(["İstanbul"], await ListedTags(api));
    }

    private static Task<HttpResponseMessage> CreateTag(ApiFactory api, string name)
        => api.ApiClient().PostAsync("/api/tags/new", JsonContent(new JsonObject { ["tag"] = name }));

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static async Task<string[]> ContactTags(ApiFactory api, long id)
        => [.. (await Contact(api, id))["tags"]!.AsArray().Select(t => (string)t!["tag"]!).Order(StringComparer.Ordinal)];

    private static async Task<string[]> ListedTags(ApiFactory api)
    {
        var response = await api.ApiClient().GetAsync("/api/tags?limit=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tags = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["tags"]!.AsObject();
        return [.. tags.Select(t => (string)t.Value!["tag"]!).Order(StringComparer.Ordinal)];
    }
}

public sealed class SqliteTrackedTagLimitTests() : TrackedTagLimitTests(TestStore.Sqlite);

public sealed class PostgreSqlTrackedTagLimitTests() : TrackedTagLimitTests(TestStore.PostgreSql);
