using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Fields;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Tracking.TrackingPipelineTests;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// Tracked values are cleaned before they are stored, as Mautic cleans them (MAUTIC-SPEC 1.7): markup is stripped from
/// every value, and page_url and page_referrer stay valid addresses, their markup characters percent-encoded.
/// </summary>
public abstract class TrackedMarkupTests(Func<TestStore> store)
{
    [Fact]
    public async Task Markup_is_stripped_from_the_title_the_query_the_fields_tags_and_company_a_hit_sets()
    {
        await using var api = new ApiFactory(store());
        await MakePubliclyUpdatable(api, "email", "firstname", "lastname");

        var reply = await Event(api.Visitor(), new()
        {
            ["page_url"] = "https://shop.example/p?ref=<b>mail</b>",
            ["page_title"] = "<b>Pricing</b> <script>alert(1)</script>",
            ["firstname"] = "<b>Jo</b>",
            ["lastname"] = "<<b>script>x<</b>/script>",
            ["campaign"] = "<img src=x onerror=alert(1)>fall",
            ["tags"] = "<i>vip</i>",
            ["companyname"] = "<b>Acme</b>",
        });

        var id = (long)reply["id"]!;
        var contact = (await api.Grains.GetContact(id).Get())!;
        Assert.Equal("Jo", contact.Fields["firstname"]);
        Assert.Equal("x", contact.Fields["lastname"]);
        Assert.Equal(["vip"], contact.Tags);
        Assert.Equal("Acme", contact.Fields["company"]);
        var company = Assert.Single(contact.Companies);
        Assert.Equal("Acme", (await api.Grains.GetGrain<ICompanyGrain>(company.CompanyId.ToString(CultureInfo.InvariantCulture)).Get())!.Name);
        var hit = Assert.Single(await api.Grains.GetContact(id).Timeline(), e => e.Type == "page.hit");
        Assert.Equal("Pricing alert(1)", hit.Details["urlTitle"]);
        var query = JsonNode.Parse(hit.Details["query"]!)!.AsObject();
        Assert.Equal("fall", (string?)query["campaign"]);
        Assert.Equal("mail", (string?)query["ref"]);
        Assert.Equal("Jo", (string?)query["firstname"]);
        Assert.DoesNotContain(query, parameter => ((string?)parameter.Value)!.Contains('<'));
    }

    [Fact]
    public async Task Page_url_and_referrer_stay_valid_addresses_with_their_markup_characters_encoded()
    {
        await using var api = new ApiFactory(store());
        const string url = "https://shop.example/p?q=\"><script>alert(1)</script>#<b>";

        var pixel = await Send(api.Visitor(), "/mtracking.gif?page_url=" + Uri.EscapeDataString(url) + "&page_referrer=" + Uri.EscapeDataString("search.example/<b>x y</b>"));

        Assert.Equal(System.Net.HttpStatusCode.OK, pixel.StatusCode);
        var hits = await HitsOf(api, pixel);
        var hit = Assert.Single(hits);
        Assert.Equal("https://shop.example/p?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E#%3Cb%3E", hit.Details["url"]);
        Assert.True(Uri.TryCreate(hit.Details["url"], UriKind.Absolute, out _));
        Assert.Equal(url, Uri.UnescapeDataString(hit.Details["url"]!));
        Assert.Equal("search.example/%3Cb%3Ex%20y%3C/b%3E", hit.Details["referer"]);
        var query = JsonNode.Parse(hit.Details["query"]!)!.AsObject();
        Assert.Equal(hit.Details["url"], (string?)query["page_url"]);
        // page_url's own query is read as parameters, and they are text: stripped of markup.
        Assert.Equal("\">alert(1)", (string?)query["q"]);
    }

    [Fact]
    public async Task A_tag_ends_at_its_closing_bracket_not_at_one_inside_a_quoted_attribute()
    {
        await using var api = new ApiFactory(store());
        await MakePubliclyUpdatable(api, "firstname");

        var reply = await Event(api.Visitor(), new()
        {
            ["page_url"] = "https://shop.example/",
            ["page_title"] = "<a href=\"x>y\" onclick=alert(1)>z",
            ["firstname"] = "<img alt='a>b' src=x onerror=alert(1)>Jo",
        });

        var id = (long)reply["id"]!;
        Assert.Equal("Jo", (await api.Grains.GetContact(id).Get())!.Fields["firstname"]);
        var hit = Assert.Single(await api.Grains.GetContact(id).Timeline(), e => e.Type == "page.hit");
        Assert.Equal("z", hit.Details["urlTitle"]);
    }

    [Theory]
    [InlineData("<<b>script>alert(1)</script>Sale", "alert(1)Sale")]
    [InlineData("<a <b> c>Sale", "Sale")]
    [InlineData("<!-- a > b -->Sale", "Sale")]
    [InlineData("1 < 2 Sale", "1 < 2 Sale")]
    public async Task Tags_nested_in_tags_and_comments_go_whole_in_one_pass(string title, string stored)
    {
        await using var api = new ApiFactory(store());
        // Each level would have cost a pass over the whole value: thousands of levels took seconds of CPU.
        var deep = new string('<', 20_000) + "b>" + string.Concat(Enumerable.Repeat("b>", 19_999));

        var pixel = await Send(api.Visitor(), "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F&page_title=" + Uri.EscapeDataString(title));
        var nested = await Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/", ["page_title"] = deep + "Sale" });

        Assert.Equal(stored, Assert.Single(await HitsOf(api, pixel)).Details["urlTitle"]);
        var hit = Assert.Single(await api.Grains.GetContact((long)nested["id"]!).Timeline(), e => e.Type == "page.hit");
        Assert.Equal("Sale", hit.Details["urlTitle"]);
    }

    [Fact]
    public async Task A_less_than_sign_starts_a_tag_as_in_php_unless_white_space_follows_it()
    {
        await using var api = new ApiFactory(store());
        // What PHP's strip_tags gives for each (php-src ext/standard/string.c, php_strip_tags_ex).
        (string Title, string Stored)[] cases =
        [
            ("a <1b> c", "a  c"),
            ("1 < 2 <3 Sale", "1 < 2"),
            ("Tom <-> Jerry", "Tom  Jerry"),
            ("Sale <", "Sale"),
            ("<a < b>c", "c"),
            ("NEAT <? cool < blah ?> STUFF", "NEAT  STUFF"),
        ];

        foreach (var (title, stored) in cases)
        {
            var pixel = await Send(api.Visitor(), "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F&page_title=" + Uri.EscapeDataString(title));
            Assert.Equal(stored, Assert.Single(await HitsOf(api, pixel)).Details["urlTitle"]);
        }
    }

    [Theory]
    [InlineData("javascript:alert(1)//")]
    [InlineData("JavaScript:1/alert(1)")]
    [InlineData("javascript:1")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("ftp:alert(1)")]
    public async Task A_page_url_or_referrer_that_is_not_a_web_address_is_stored_as_nothing_and_the_hit_still_counts(string address)
    {
        await using var api = new ApiFactory(store());

        var pixel = await Send(api.Visitor(), "/mtracking.gif?page_url=" + Uri.EscapeDataString(address) + "&page_referrer=" + Uri.EscapeDataString(address) + "&page_title=Home");

        var hit = Assert.Single(await HitsOf(api, pixel));
        Assert.Equal("Home", hit.Details["urlTitle"]);
        Assert.Null(hit.Details.GetValueOrDefault("url"));
        Assert.Null(hit.Details.GetValueOrDefault("referer"));
        Assert.DoesNotContain(JsonNode.Parse(hit.Details["query"]!)!.AsObject(), parameter => ((string?)parameter.Value)!.Contains(':'));
    }

    [Theory]
    [InlineData("ftp://files.example/price list.pdf", "ftp://files.example/price%20list.pdf")]
    [InlineData("FTP://user@files.example:2121/", "FTP://user@files.example:2121/")]
    public async Task An_ftp_page_url_or_referrer_is_kept_as_mautic_keeps_one(string address, string stored)
    {
        await using var api = new ApiFactory(store());

        var pixel = await Send(api.Visitor(), "/mtracking.gif?page_url=" + Uri.EscapeDataString(address) + "&page_referrer=" + Uri.EscapeDataString(address));
        var header = await Send(api.Visitor(), "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F", headers: new() { ["Referer"] = "ftp://files.example/x" });

        var hit = Assert.Single(await HitsOf(api, pixel));
        Assert.Equal(stored, hit.Details["url"]);
        Assert.Equal(stored, hit.Details["referer"]);
        Assert.Equal("ftp://files.example/x", Assert.Single(await HitsOf(api, header)).Details["referer"]);
    }

    [Fact]
    public async Task A_referer_header_that_is_not_a_web_address_is_not_recorded_and_a_host_with_its_port_is()
    {
        await using var api = new ApiFactory(store());

        var header = await Send(api.Visitor(), "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F", headers: new() { ["Referer"] = "javascript:alert(1)" });
        var hostAndPort = await Send(api.Visitor(), "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F&page_referrer=search.example%3A8443");

        var hit = Assert.Single(await HitsOf(api, header));
        Assert.Equal("https://shop.example/", hit.Details["url"]);
        Assert.Null(hit.Details.GetValueOrDefault("referer"));
        Assert.Equal("search.example:8443", Assert.Single(await HitsOf(api, hostAndPort)).Details["referer"]);
    }

    [Fact]
    public async Task A_value_past_the_tracking_cap_is_cut_between_characters_never_between_the_halves_of_one()
    {
        await using var api = new ApiFactory(store());
        await api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields)
            .Upsert(new FieldDefinition("notetext", "Note", "textarea", "core", false, true, null, true));
        api.Services.GetRequiredService<FieldCatalogCache>().Invalidate();
        var text = new string('a', 1023) + "\U0001F600";
        var url = "https://shop.example/#" + new string('a', 2047 - "https://shop.example/#".Length) + "\U0001F600";

        var reply = await Event(api.Visitor(), new() { ["page_url"] = url + "bbb", ["page_title"] = text + "bbb", ["notetext"] = text + "bbb" });

        var id = (long)reply["id"]!;
        Assert.Equal(text, (await api.Grains.GetContact(id).Get())!.Fields["notetext"]);
        var hit = Assert.Single(await api.Grains.GetContact(id).Timeline(), e => e.Type == "page.hit");
        Assert.Equal(text, hit.Details["urlTitle"]);
        Assert.Equal(url, hit.Details["url"]);
    }

    [Fact]
    public async Task Markup_is_stripped_from_the_user_agent_and_bots_are_matched_on_the_agent_as_sent_and_as_stored()
    {
        await using var api = new ApiFactory(store());
        const string agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";

        var browser = await Send(api.Visitor(), "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F", "<img src=x onerror=alert(1)> " + agent);
        var bot = await Send(api.Visitor(), "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F", "<b title=\"curl/8.5.0\">Mozilla/5.0</b>");
        var hiddenBot = await Send(api.Visitor(), "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F", "Mozilla/5.0 (compatible; Google<x>bot/2.1)");
        var tabbedBot = await Send(api.Visitor(), "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F", "Mozilla/5.0 (compatible; Google\tbot/2.1)");

        Assert.Equal(agent, Assert.Single(await HitsOf(api, browser)).Details["userAgent"]);
        Assert.False(bot.Headers.Contains("Set-Cookie"));
        Assert.False(hiddenBot.Headers.Contains("Set-Cookie"));
        // Cleaned as it would be stored, this agent is Googlebot's: a bot is matched on whatever is stored.
        Assert.False(tabbedBot.Headers.Contains("Set-Cookie"));
    }

    private static async Task<IReadOnlyList<TimelineEvent>> HitsOf(ApiFactory api, HttpResponseMessage pixel)
    {
        var cookie = pixel.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mtc_id=", StringComparison.Ordinal));
        var id = long.Parse(cookie["mtc_id=".Length..cookie.IndexOf(';')], CultureInfo.InvariantCulture);
        return (await api.Grains.GetContact(id).Timeline()).Where(e => e.Type == "page.hit").ToArray();
    }
}

public sealed class SqliteTrackedMarkupTests() : TrackedMarkupTests(TestStore.Sqlite);

public sealed class PostgreSqlTrackedMarkupTests() : TrackedMarkupTests(TestStore.PostgreSql);
