using Actors.Api.Tests.Infrastructure;
using Actors.Api.Tracking;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// Tracking:DoNotTrackBots replaces the built-in bot list: configuration binding appends to a list it finds filled,
/// so before the list started unset no default could be taken out.
/// </summary>
public abstract class DoNotTrackBotsSettingTests(Func<TestStore> store)
{
    [Fact]
    public async Task Configured_bots_replace_the_defaults_so_a_default_bot_is_tracked_and_the_configured_one_is_not()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Tracking:DoNotTrackBots:0"] = "ZZZBot" });

        var curl = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/" }, "curl/8.0");
        var configured = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/" }, "Mozilla/5.0 (compatible; ZZZBot/1.0)");

        Assert.True(await api.Grains.GetContact((long)curl["id"]!).Exists());
        Assert.Null(configured["id"]);
    }

    [Fact]
    public async Task One_empty_entry_tracks_every_user_agent()
    {
        await using var api = new ApiFactory(store(), new Dictionary<string, string?> { ["Tracking:DoNotTrackBots:0"] = "" });

        var googlebot = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/" }, "Mozilla/5.0 (compatible; Googlebot/2.1)");

        Assert.True(await api.Grains.GetContact((long)googlebot["id"]!).Exists());
    }

    [Fact]
    public void Without_configured_bots_the_defaults_apply()
        => Assert.Equal(BotUserAgents.Defaults, new TrackingOptions().BotsNotTracked);
}

public sealed class SqliteDoNotTrackBotsSettingTests() : DoNotTrackBotsSettingTests(TestStore.Sqlite);

public sealed class PostgreSqlDoNotTrackBotsSettingTests() : DoNotTrackBotsSettingTests(TestStore.PostgreSql);
