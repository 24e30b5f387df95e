using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
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

    private static async Task<IReadOnlyList<TimelineEvent>> HitsOf(ApiFactory api, HttpResponseMessage pixel)
    {
        var cookie = pixel.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mtc_id=", StringComparison.Ordinal));
        var id = long.Parse(cookie["mtc_id=".Length..cookie.IndexOf(';')], CultureInfo.InvariantCulture);
        return (await api.Grains.GetContact(id).Timeline()).Where(e => e.Type == "page.hit").ToArray();
    }
}

public sealed class SqliteTrackedMarkupTests() : TrackedMarkupTests(TestStore.Sqlite);

public sealed class PostgreSqlTrackedMarkupTests() : TrackedMarkupTests(TestStore.PostgreSql);
