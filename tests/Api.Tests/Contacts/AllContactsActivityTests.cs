using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Api.Tests.Tracking;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>GET /api/contacts/activity through the real pipeline on a real store.</summary>
public abstract class AllContactsActivityTests(Func<TestStore> store)
{
    [Fact]
    public async Task The_activity_of_all_contacts_is_filtered_ordered_and_paged_like_the_activity_of_one_contact()
    {
        await using var api = new ApiFactory(store());
        var (first, second) = await SeedAsync(api);

        var (response, all) = await Send(api, HttpMethod.Get, "/api/contacts/activity", "");
        var (_, points) = await Send(api, HttpMethod.Get, "/api/contacts/activity?filters[includeEvents][]=point.gained&order[1]=ASC", "");
        var (_, notPoints) = await Send(api, HttpMethod.Get, "/api/contacts/activity?filters[excludeEvents][]=point.gained", "");
        var (_, searched) = await Send(api, HttpMethod.Get, "/api/contacts/activity?filters[search]=PRICING", "");
        var (_, paged) = await Send(api, HttpMethod.Get, "/api/contacts/activity?filters[includeEvents][]=point.gained&limit=1&page=2", "");
        var (_, future) = await Send(api, HttpMethod.Get, "/api/contacts/activity?filters[dateFrom]=2999-01-01 00:00:00", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, (int)all["total"]!);
        Assert.DoesNotContain(all["events"]!.AsArray(), e => (string)e!["event"]! is "lead.create" or "lead.identified");
        Assert.Equal([first, second], points["events"]!.AsArray().Select(e => (long)e!["contactId"]!));
        Assert.Equal(["5", "7"], points["events"]!.AsArray().Select(e => (string)e!["details"]!["log"]!["delta"]!));
        Assert.Equal(2, (int)notPoints["total"]!);
        Assert.Equal("lead.utmtagsadded", (string)searched["events"]!.AsArray().Single()!["event"]!);
        Assert.Equal(2, (int)paged["total"]!);
        Assert.Equal(2, (int)paged["maxPages"]!);
        Assert.Equal(first, (long)paged["events"]![0]!["contactId"]!);
        Assert.Equal(0, (int)future["total"]!);
    }

    [Fact]
    public async Task Filters_and_order_are_read_from_the_query_as_PHP_does()
    {
        await using var api = new ApiFactory(store());
        var (first, second) = await SeedAsync(api);

        var (_, indexed) = await Send(api, HttpMethod.Get, "/api/contacts/activity?filters[includeEvents][0]=point.gained&order[]=timestamp&order[]=ASC", "");
        var (_, lastSearch) = await Send(api, HttpMethod.Get, "/api/contacts/activity?filters[search]=nothing&filters[search]=pricing", "");
        var (_, one) = await Send(api, HttpMethod.Get, $"/api/contacts/{second}/activity?filters%5BincludeEvents%5D%5B5%5D=point.gained", "");
        var (array, refused) = await Send(api, HttpMethod.Get, "/api/contacts/activity?filters[search][]=pricing", "");

        Assert.Equal([first, second], indexed["events"]!.AsArray().Select(e => (long)e!["contactId"]!));
        Assert.Equal("lead.utmtagsadded", (string)lastSearch["events"]!.AsArray().Single()!["event"]!);
        Assert.Equal("7", (string)one["events"]!.AsArray().Single()!["details"]!["log"]!["delta"]!);
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
        Assert.Equal("filters[search], filters[dateFrom], filters[dateTo] and order[1] must be single values, not arrays.", (string)refused["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task A_repeated_page_or_limit_is_the_last_one_given_as_PHP_reads_it()
    {
        await using var api = new ApiFactory(store());
        var (_, second) = await SeedAsync(api);
        const string points = "filters[includeEvents][]=point.gained&order[1]=ASC";

        var (response, all) = await Send(api, HttpMethod.Get, $"/api/contacts/activity?{points}&page=1&page=2&limit=5&limit=1", "");
        var (_, one) = await Send(api, HttpMethod.Get, $"/api/contacts/{second}/activity?{points}&limit=abc&limit=1&page[]=9&page=1", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 1), ((int)all["page"]!, (int)all["limit"]!));
        Assert.Equal(second, (long)all["events"]!.AsArray().Single()!["contactId"]!);
        Assert.Equal((1, 1), ((int)one["page"]!, (int)one["limit"]!));
        Assert.Equal(second, (long)one["events"]!.AsArray().Single()!["contactId"]!);
    }

    [Theory]
    [InlineData("page=85899347")]
    [InlineData("page=2147483647&limit=2147483647")]
    [InlineData("page=2147483647&limit=1")]
    public async Task A_page_past_every_event_is_empty_however_far_its_offset_for_one_contact_and_for_all(string paging)
    {
        await using var api = new ApiFactory(store());
        var (_, second) = await SeedAsync(api);

        var (response, one) = await Send(api, HttpMethod.Get, $"/api/contacts/{second}/activity?{paging}", "");
        var (_, all) = await Send(api, HttpMethod.Get, $"/api/contacts/activity?{paging}", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(one["events"]!.AsArray());
        Assert.True((int)one["total"]! > 0);
        Assert.Empty(all["events"]!.AsArray());
    }

    [Fact]
    public async Task Event_ids_number_the_events_from_the_page_offset()
    {
        await using var api = new ApiFactory(store());
        var (_, second) = await SeedAsync(api);

        var (_, page) = await Send(api, HttpMethod.Get, $"/api/contacts/{second}/activity?filters[includeEvents][]=point.gained&page=1&limit=1", "");
        var (_, next) = await Send(api, HttpMethod.Get, $"/api/contacts/{second}/activity?page=2&limit=1", "");

        Assert.Equal("point.gained1", (string)page["events"]![0]!["eventId"]!);
        Assert.EndsWith("2", (string)next["events"]![0]!["eventId"]!);
    }

    [Theory]
    [InlineData("/api/contacts/activity?filters[dateFrom]=not-a-date")]
    [InlineData("/api/contacts/activity?page=0")]
    [InlineData("/api/contacts/activity?limit=-5")]
    [InlineData("/api/contacts/activity?page=2&page=abc")]
    [InlineData("/api/contacts/activity?limit=5&limit[]=1")]
    public async Task Malformed_filters_answer_400(string url)
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Get, url, "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (int)body["errors"]![0]!["code"]!);
    }

    [Fact]
    public async Task A_search_with_SQL_in_it_is_only_a_search()
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"email":"sql@example.com"}""");
        await Send(api, HttpMethod.Post, $"/api/contacts/{contact}/points/plus/1", "");

        var (response, body) = await Send(api, HttpMethod.Get, "/api/contacts/activity?filters[search]=%27)%20OR%201%3D1%20--", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (int)body["total"]!);
    }

    /// <summary>Two contacts, the first tagged, that gain 5 and 7 points in turn, and then the second a UTM tag.</summary>
    [Theory]
    [InlineData("%", Every, Every)]
    [InlineData("pric_ng-news", 1, 1)]
    [InlineData(@"pricing\_", 0, 0)]
    [InlineData(@"pricing\-", 1, 1)]
    public async Task A_timeline_search_is_Mautic_LIKE_pattern_for_one_contact_and_for_all(string search, int ofSecond, int ofAll)
    {
        await using var api = new ApiFactory(store());
        var (_, second) = await SeedAsync(api);
        var filter = "?filters[search]=" + Uri.EscapeDataString(search);

        var (_, one) = await Send(api, HttpMethod.Get, $"/api/contacts/{second}/activity{filter}", "");
        var (_, all) = await Send(api, HttpMethod.Get, "/api/contacts/activity" + filter, "");

        var (_, unfilteredOne) = await Send(api, HttpMethod.Get, $"/api/contacts/{second}/activity", "");
        var (_, unfilteredAll) = await Send(api, HttpMethod.Get, "/api/contacts/activity", "");

        Assert.Equal(ofSecond == Every ? (int)unfilteredOne["total"]! : ofSecond, (int)one["total"]!);
        Assert.Equal(ofAll == Every ? (int)unfilteredAll["total"]! : ofAll, (int)all["total"]!);
    }

    const int Every = -1;

    [Theory]
    [InlineData("ölkanne")]
    [InlineData("ÖLKANNE")]
    [InlineData("a&b")]
    [InlineData("\u0130nsel")]
    [InlineData("\u212Aiel")]
    [InlineData("utm_campaign")]
    public async Task A_timeline_search_finds_detail_values_ignoring_the_case_of_every_letter_for_one_contact_and_for_all(string search)
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"email":"unicode@example.com"}""");
        await Send(api, HttpMethod.Post, $"/api/contacts/{contact}/utm/add", """{"utm_campaign":"Ölkanne a&b insel Kiel"}""");
        var filter = "?filters[search]=" + Uri.EscapeDataString(search);

        var (_, one) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/activity{filter}", "");
        var (_, all) = await Send(api, HttpMethod.Get, "/api/contacts/activity" + filter, "");

        var expected = search == "utm_campaign" ? 0 : 1;
        Assert.Equal(expected, (int)one["total"]!);
        Assert.Equal(expected, (int)all["total"]!);
    }

    [Theory]
    [InlineData("ärgerx")]
    [InlineData("ÄRGERX")]
    [InlineData("p&qx")]
    public async Task A_timeline_search_finds_letters_and_signs_in_the_query_of_a_page_hit(string search)
    {
        await using var api = new ApiFactory(store());
        var hit = await TrackingPipelineTests.Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/q?zz=%C3%84rgerX&yy=p%26qX" });
        var contact = (long)hit["id"]!;
        var filter = "?filters[search]=" + Uri.EscapeDataString(search);

        var (_, one) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/activity{filter}", "");
        var (_, all) = await Send(api, HttpMethod.Get, "/api/contacts/activity" + filter, "");

        Assert.Equal(1, (int)one["total"]!);
        Assert.Equal(1, (int)all["total"]!);
    }

    [Fact]
    public async Task A_page_hit_answers_Mautics_shape_its_details_under_hit_for_one_contact_and_for_all()
    {
        await using var api = new ApiFactory(store());
        const string url = "https://shop.example/pricing?ref=n1";
        var hit = await TrackingPipelineTests.Event(api.Visitor(),
            new() { ["page_url"] = url, ["page_title"] = "Pricing", ["page_language"] = "de-DE", ["page_referrer"] = "https://search.example/" });
        var contact = (long)hit["id"]!;

        var (_, one) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/activity?filters[includeEvents][]=page.hit", "");
        var (_, all) = await Send(api, HttpMethod.Get, "/api/contacts/activity?filters[includeEvents][]=page.hit", "");

        foreach (var answer in new[] { one, all })
        {
            var page = Assert.Single(answer["events"]!.AsArray())!;
            Assert.Equal("Page hit", (string)page["eventType"]!);
            Assert.Equal($$"""{"label":"Pricing","href":"{{url}}","isExternal":true}""", page["eventLabel"]!.ToJsonString());
            Assert.Equal(contact, (long)page["contactId"]!);
            var details = page["details"]!.AsObject();
            Assert.Equal(["hit"], details.Select(d => d.Key));
            var shown = details["hit"]!;
            Assert.Equal(url, (string)shown["url"]!);
            Assert.Equal("Pricing", (string)shown["urlTitle"]!);
            Assert.Equal("https://search.example/", (string)shown["referer"]!);
            Assert.Equal((string)page["timestamp"]!, (string)shown["dateHit"]!);
            Assert.Equal("n1", (string)shown["query"]!["ref"]!);
            Assert.StartsWith("Mozilla/5.0", (string)shown["userAgent"]!);
            Assert.Equal("de-DE", (string)shown["language"]!);
            Assert.Equal((string)hit["device_id"]!, (string)shown["deviceId"]!);
            Assert.True(shown.AsObject().ContainsKey("dateLeft"));
            Assert.Null(shown["dateLeft"]);
            Assert.Equal("", (string)answer["filters"]!["search"]!);
            Assert.Equal("Page hit", (string)answer["types"]!["page.hit"]!);
        }
    }

    [Fact]
    public async Task Each_type_has_Mautics_human_name_label_and_details_and_types_names_every_type()
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"email":"shapes@example.com","ipAddress":"203.0.113.9"}""");
        await Send(api, HttpMethod.Post, $"/api/contacts/{contact}/points/plus/5", "");
        await Send(api, HttpMethod.Post, $"/api/contacts/{contact}/dnc/email/add", "");
        await Send(api, HttpMethod.Post, $"/api/contacts/{contact}/utm/add", """{"utm_source":"news","utm_campaign":"fall"}""");

        var (_, one) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/activity?filters[search]=", "");
        var (_, all) = await Send(api, HttpMethod.Get, "/api/contacts/activity", "");

        var events = one["events"]!.AsArray().ToDictionary(e => (string)e!["event"]!, e => e!);
        Assert.Equal("Contact created", (string)events["lead.create"]["eventType"]!);
        Assert.False(events["lead.create"].AsObject().ContainsKey("eventLabel"));
        Assert.Equal("Contact identified", (string)events["lead.identified"]["eventType"]!);
        Assert.Equal(("Accessed from IP", "203.0.113.9"), ((string)events["lead.ipadded"]["eventType"]!, (string)events["lead.ipadded"]["eventLabel"]!));
        Assert.Equal("203.0.113.9", (string)events["lead.ipadded"]["details"]!["ipDetails"]!["ip"]!);
        Assert.Equal(("Point gained", "Point gained / 5"), ((string)events["point.gained"]["eventType"]!, (string)events["point.gained"]["eventLabel"]!));
        Assert.Equal("5", (string)events["point.gained"]["details"]!["log"]!["delta"]!);
        Assert.Equal(("Do not contact", "Email"), ((string)events["lead.donotcontact"]["eventType"]!, (string)events["lead.donotcontact"]["eventLabel"]!));
        Assert.Equal("Contact was manually set as do not contact for this channel.", (string)events["lead.donotcontact"]["details"]!["dnc"]!["reason"]!);
        Assert.Equal(("UTM tags recorded", "UTM Campaign: fall"), ((string)events["lead.utmtagsadded"]["eventType"]!, (string)events["lead.utmtagsadded"]["eventLabel"]!));
        Assert.Equal("news", (string)events["lead.utmtagsadded"]["details"]!["utmtags"]!["utm_source"]!);
        Assert.Equal("", (string)one["filters"]!["search"]!);
        var types = one["types"]!.AsObject();
        Assert.Equal("Contact created", (string)types["lead.create"]!);
        Assert.Equal("Imported", (string)types["lead.imported"]!);
        Assert.Equal(types.Select(t => (string)t.Value!).Order(StringComparer.OrdinalIgnoreCase), types.Select(t => (string)t.Value!));
        Assert.False(all["types"]!.AsObject().ContainsKey("lead.create"));
        Assert.Equal("Point gained", (string)all["types"]!["point.gained"]!);
    }

    [Theory]
    [InlineData("pricing-news", "lead.utmtagsadded")]
    [InlineData("shop.example/deals", "page.hit")]
    public async Task A_search_finds_the_same_details_under_Mautics_nesting_for_one_contact_and_for_all(string search, string found)
    {
        await using var api = new ApiFactory(store());
        var hit = await TrackingPipelineTests.Event(api.Visitor(), new() { ["page_url"] = "https://shop.example/deals" });
        var contact = (long)hit["id"]!;
        await Send(api, HttpMethod.Post, $"/api/contacts/{contact}/utm/add", """{"utm_source":"pricing-newsletter"}""");
        var filter = "?filters[search]=" + Uri.EscapeDataString(search);

        var (_, one) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/activity{filter}", "");
        var (_, all) = await Send(api, HttpMethod.Get, "/api/contacts/activity" + filter, "");

        Assert.Equal(found, (string)Assert.Single(one["events"]!.AsArray())!["event"]!);
        Assert.Equal(found, (string)Assert.Single(all["events"]!.AsArray())!["event"]!);
        Assert.Equal(search, (string)one["filters"]!["search"]!);
    }

    private static async Task<(long First, long Second)> SeedAsync(ApiFactory api)
    {
        var first = await Create(api, """{"email":"all-1@example.com","tags":["vip"]}""");
        var second = await Create(api, """{"email":"all-2@example.com"}""");
        await Send(api, HttpMethod.Post, $"/api/contacts/{first}/points/plus/5", "");
        await Send(api, HttpMethod.Post, $"/api/contacts/{second}/points/plus/7", "");
        await Send(api, HttpMethod.Post, $"/api/contacts/{second}/utm/add", """{"utm_source":"pricing-newsletter"}""");
        return (first, second);
    }
}

public sealed class SqliteAllContactsActivityTests() : AllContactsActivityTests(TestStore.Sqlite);

public sealed class PostgreSqlAllContactsActivityTests() : AllContactsActivityTests(TestStore.PostgreSql);
