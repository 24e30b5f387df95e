using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// mtc.js sends the browser's IANA zone as timezone and its getTimezoneOffset() as timezone_offset (minutes west of
/// UTC). As in newer Mautic's processPageHit, a contact without a timezone takes the zone, else one guessed from the
/// offset; one it has is never replaced. A zone tzdata does not know is ignored, as is an offset that is no whole number
/// of minutes, or no UTC offset any zone has.
/// </summary>
public abstract class TimezoneGuessTests(Func<TestStore> store)
{
    [Theory]
    [InlineData("-120", "Europe/Helsinki")]
    [InlineData("300", "America/New_York")]
    [InlineData("0", "Europe/London")]
    [InlineData("-330", "Asia/Kolkata")]
    [InlineData("-345", "Asia/Kathmandu")]
    public async Task A_contact_without_a_timezone_gets_one_guessed_from_the_offset(string offset, string zone)
    {
        await using var api = new ApiFactory(store());

        var reply = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.test/", ["timezone_offset"] = offset });

        Assert.Equal(zone, await TimezoneOf(api, reply));
    }

    [Fact]
    public async Task A_timezone_the_contact_has_is_never_replaced_by_a_guess()
    {
        await using var api = new ApiFactory(store());
        var visitor = api.Visitor();
        await Event(visitor, new() { ["page_url"] = "https://shop.test/", ["timezone_offset"] = "300" });

        var reply = await Event(visitor, new() { ["page_url"] = "https://shop.test/2", ["timezone_offset"] = "-60" });

        Assert.Equal("America/New_York", await TimezoneOf(api, reply));
    }

    [Theory]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Etc/GMT+5")]
    [InlineData("UTC")]
    public async Task The_browsers_zone_wins_over_the_guess_from_its_offset(string zone)
    {
        await using var api = new ApiFactory(store());

        var reply = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.test/", ["timezone"] = zone, ["timezone_offset"] = "-60" });

        Assert.Equal(zone, await TimezoneOf(api, reply));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("europe/paris")]
    [InlineData("Europe/Paris; DROP")]
    [InlineData("../../../etc/passwd")]
    [InlineData("posixrules")]
    [InlineData("zone.tab")]
    [InlineData("Pacific Standard Time")]
    public async Task A_zone_tzdata_does_not_know_leaves_the_guess_to_the_offset(string zone)
    {
        await using var api = new ApiFactory(store());

        var reply = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.test/", ["timezone"] = zone, ["timezone_offset"] = "300" });

        Assert.Equal("America/New_York", await TimezoneOf(api, reply));
    }

    [Fact]
    public async Task A_timezone_the_contact_has_is_never_replaced_by_the_browsers_zone()
    {
        await using var api = new ApiFactory(store());
        var visitor = api.Visitor();
        await Event(visitor, new() { ["page_url"] = "https://shop.test/", ["timezone"] = "Asia/Tokyo" });

        var reply = await Event(visitor, new() { ["page_url"] = "https://shop.test/2", ["timezone"] = "Europe/Paris" });

        Assert.Equal("Asia/Tokyo", await TimezoneOf(api, reply));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("-900")]
    [InlineData("99999999999")]
    public async Task An_offset_that_names_no_zone_is_ignored(string offset)
    {
        await using var api = new ApiFactory(store());

        var reply = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.test/", ["timezone_offset"] = offset });

        Assert.NotNull(reply["id"]);
        Assert.Null(await TimezoneOf(api, reply));
    }

    private static async Task<string?> TimezoneOf(ApiFactory api, System.Text.Json.Nodes.JsonNode reply)
        => (string?)(await Contact(api, (long)reply["id"]!))["fields"]!["all"]!["timezone"];
}

public sealed class SqliteTimezoneGuessTests() : TimezoneGuessTests(TestStore.Sqlite);

public sealed class PostgreSqlTimezoneGuessTests() : TimezoneGuessTests(TestStore.PostgreSql);
