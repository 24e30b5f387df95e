using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// Parameters are read as PHP reads them for Mautic: a name sent twice keeps its last value, and a bracketed name is a
/// list, which Mautic's tags take. The same on the pixel's query, /mtc/event's form body and the query inside page_url.
/// </summary>
public abstract class RepeatedParameterTests(Func<TestStore> store)
{
    public enum Channel { Pixel, Event, PageUrl }

    private async Task<ApiFactory> StartAsync()
    {
        var api = new ApiFactory(store());
        await MakePubliclyUpdatable(api, "email", "firstname");
        return api;
    }

    [Theory]
    [InlineData(Channel.Pixel)]
    [InlineData(Channel.Event)]
    [InlineData(Channel.PageUrl)]
    public async Task A_repeated_name_keeps_its_last_value(Channel channel)
    {
        await using var api = await StartAsync();

        var id = await Hit(api, api.Visitor(), channel, [("email", "first@example.com"), ("email", "last@example.com"), ("firstname", "A"), ("firstname", "B")]);

        var contact = await Contact(api, id);
        Assert.Equal("last@example.com", (string)contact["fields"]!["all"]!["email"]!);
        Assert.Equal("B", (string)contact["fields"]!["all"]!["firstname"]!);
        Assert.NotNull(contact["dateIdentified"]);
    }

    [Theory]
    [InlineData(Channel.Pixel)]
    [InlineData(Channel.Event)]
    [InlineData(Channel.PageUrl)]
    public async Task Tags_sent_as_a_list_are_each_one_tag_and_a_leading_minus_removes_one(Channel channel)
    {
        await using var api = await StartAsync();
        var visitor = api.Visitor();
        await Hit(api, visitor, channel, [("tags", "trial")]);

        var id = await Hit(api, visitor, channel, [("tags[]", "pricing"), ("tags[]", " vip "), ("tags[]", "-trial")]);

        var tags = (await Contact(api, id))["tags"]!.AsArray().Select(t => (string)t!["tag"]!).Order();
        Assert.Equal(["pricing", "vip"], tags);
    }

    [Fact]
    public async Task An_explicit_parameter_replaces_a_list_of_the_same_name_in_page_url_whole()
    {
        await using var api = await StartAsync();

        var id = await Hit(api, api.Visitor(), Channel.Event,
            [("tags", "explicit"), ("page_url", "https://shop.example/?tags[]=from-url&tags[]=other")]);

        Assert.Equal(["explicit"], (await Contact(api, id))["tags"]!.AsArray().Select(t => (string)t!["tag"]!));
    }

    /// <summary>Sends the pairs in order through the channel and answers the contact the hit landed on.</summary>
    private static async Task<long> Hit(ApiFactory api, HttpClient visitor, Channel channel, (string Name, string Value)[] pairs)
    {
        var query = string.Join("&", pairs.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));
        var response = channel switch
        {
            Channel.Pixel => await Send(visitor, "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F&" + query),
            Channel.Event => await Send(visitor, "/mtc/event", form: pairs.Select(p => KeyValuePair.Create(p.Name, p.Value))),
            _ => await Send(visitor, "/mtc/event", form: new Dictionary<string, string> { ["page_url"] = "https://shop.example/landing?" + query }),
        };
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (channel == Channel.Pixel)
            return long.Parse(response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)).Single(c => c[0] == "mtc_id")[1]);
        return (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
    }
}

public sealed class SqliteRepeatedParameterTests() : RepeatedParameterTests(TestStore.Sqlite);

public sealed class PostgreSqlRepeatedParameterTests() : RepeatedParameterTests(TestStore.PostgreSql);
