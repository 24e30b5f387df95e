using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// mtc.js sends the browser's getTimezoneOffset() as timezone_offset (minutes west of UTC). As in Mautic's processPageHit,
/// a contact without a timezone gets one guessed from it; one it has is never replaced, and an offset that is no whole
/// number of minutes, or no UTC offset any zone has, is ignored.
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

        Assert.Equal(zone, (string)(await Contact(api, (long)reply["id"]!))["fields"]!["all"]!["timezone"]!);
    }

    [Fact]
    public async Task A_timezone_the_contact_has_is_never_replaced_by_a_guess()
    {
        await using var api = new ApiFactory(store());
        var visitor = api.Visitor();
        await Event(visitor, new() { ["page_url"] = "https://shop.test/", ["timezone_offset"] = "300" });

        var reply = await Event(visitor, new() { ["page_url"] = "https://shop.test/2", ["timezone_offset"] = "-60" });

        Assert.Equal("America/New_York", (string)(await Contact(api, (long)reply["id"]!))["fields"]!["all"]!["timezone"]!);
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
        Assert.Null((await Contact(api, (long)reply["id"]!))["fields"]!["all"]!["timezone"]);
    }
}

public sealed class SqliteTimezoneGuessTests() : TimezoneGuessTests(TestStore.Sqlite);

public sealed class PostgreSqlTimezoneGuessTests() : TimezoneGuessTests(TestStore.PostgreSql);
