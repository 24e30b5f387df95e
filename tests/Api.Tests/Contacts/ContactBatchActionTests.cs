using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Contacts;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>POST /api/contacts/batch/{owner|dnc|segments|campaigns|categories|channels|stage|delete} through the real pipeline, and their limit of 100 contacts.</summary>
public abstract class ContactBatchActionTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_batch_action_is_dated_by_the_service_clock()
    {
        var clock = new ManualClock();
        await using var api = new ApiFactory(store(), services: services => services.AddSingleton<TimeProvider>(clock));
        var a = await Create(api, """{"email":"a@example.com"}""");
        clock.Advance(TimeSpan.FromDays(3));

        await Send(api, HttpMethod.Post, "/api/contacts/batch/dnc", $$"""{"ids":[{{a}}],"reason":"asked by phone"}""");

        var contact = (await api.Grains.GetContact(a).Get())!;
        Assert.Equal(clock.GetUtcNow(), Assert.Single(contact.DoNotContact).At);
        Assert.Equal(clock.GetUtcNow(), contact.DateModified);
    }

    [Fact]
    public async Task Owner_dnc_segments_and_stage_change_every_named_contact_and_a_missing_one_is_404()
    {
        await using var api = new ApiFactory(store());
        var a = await Create(api, """{"email":"a@example.com"}""");
        var b = await Create(api, """{"email":"b@example.com"}""");
        var ids = $"[{a},{b},999999]";
        var (_, customer) = await Send(api, HttpMethod.Post, "/api/stages/new", """{"name":"Customer"}""");
        var user = await NewUser(api);
        var (three, four) = (await New(api, "segments", "list", "Three"), await New(api, "segments", "list", "Four"));

        var owner = await Send(api, HttpMethod.Post, "/api/contacts/batch/owner", $$"""{"ids":{{ids}},"owner":{{user}}}""");
        await Send(api, HttpMethod.Post, "/api/contacts/batch/dnc", $$"""{"ids":{{ids}},"reason":"asked by phone"}""");
        await Send(api, HttpMethod.Post, "/api/contacts/batch/segments", $$"""{"ids":{{ids}},"add":[{{three}},{{four}}]}""");
        await Send(api, HttpMethod.Post, "/api/contacts/batch/stage", $$"""{"ids":{{ids}},"stage":"customer"}""");

        Assert.Equal([200, 200, 404], owner.Body["statusCodes"]!.AsArray().Select(s => (int)s!));
        foreach (var id in new[] { a, b })
        {
            var contact = (await api.Grains.GetContact(id).Get())!;
            Assert.Equal(user, contact.OwnerId);
            Assert.Equal($"{(long)customer["stage"]!["id"]!}", contact.Stage);
            Assert.Equal([three, four], contact.Segments);
            var dnc = Assert.Single(contact.DoNotContact);
            Assert.Equal(("email", DoNotContactReason.Manual, "asked by phone"), (dnc.Channel, dnc.Reason, dnc.Comments));
        }
    }

    [Theory]
    [InlineData("999")]
    [InlineData("0")]
    [InlineData("\"ann\"")]
    [InlineData("[1]")]
    public async Task Owner_must_be_an_existing_user_and_a_refused_one_changes_no_contact(string owner)
    {
        await using var api = new ApiFactory(store());
        var user = await NewUser(api);
        var a = await Create(api, $$"""{"email":"a@example.com","owner":{{user}}}""");

        var (response, error) = await Send(api, HttpMethod.Post, "/api/contacts/batch/owner", $$"""{"ids":[{{a}}],"owner":{{owner}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("owner: must be the id of a published user.", (string)error["errors"]![0]!["message"]!);
        Assert.Equal(user, (await api.Grains.GetContact(a).Get())!.OwnerId);
    }

    [Theory]
    [InlineData("@x")]
    [InlineData("e mail")]
    [InlineData("9sms")]
    public async Task Channels_refuses_a_channel_that_is_no_channel_name(string channel)
    {
        await using var api = new ApiFactory(store());
        var a = await Create(api, """{"email":"a@example.com"}""");

        var (response, error) = await Send(api, HttpMethod.Post, "/api/contacts/batch/channels",
            $$$$"""{"ids":[{{{{a}}}}],"channels":{"{{{{channel}}}}":{"subscribed":false}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ChannelChanges.Invalid, (string)error["errors"]![0]!["message"]!);
        Assert.Empty((await api.Grains.GetContact(a).Get())!.DoNotContact);
    }

    [Theory]
    [InlineData(""" "channel":["a"] """, "channel")]
    [InlineData(""" "channel":"@x" """, "channel")]
    [InlineData(""" "channel":7 """, "channel")]
    [InlineData(""" "channel":"" """, "channel")]
    [InlineData(""" "reason":["a"] """, "reason")]
    [InlineData(""" "reason":3 """, "reason")]
    public async Task Dnc_refuses_a_channel_that_is_no_channel_name_and_a_reason_that_is_no_comment(string member, string named)
    {
        await using var api = new ApiFactory(store());
        var a = await Create(api, """{"email":"a@example.com"}""");

        var (response, error) = await Send(api, HttpMethod.Post, "/api/contacts/batch/dnc", $$"""{"ids":[{{a}}],{{member}}}""");
        var (ui, _) = await Send(api, HttpMethod.Post, "/api/contacts/batch/dnc", $$"""{"ids":[{{a}}],"channel":"email","reason":"Set in the contacts list"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(named + ":", (string)error["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        var dnc = Assert.Single((await api.Grains.GetContact(a).Get())!.DoNotContact);
        Assert.Equal(("email", DoNotContactReason.Manual, "Set in the contacts list"), (dnc.Channel, dnc.Reason, dnc.Comments));
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("No such stage")]
    [InlineData("987654")]
    public async Task An_unknown_stage_is_a_400_that_keeps_every_contact_stage(string unknown)
    {
        await using var api = new ApiFactory(store());
        var a = await Create(api, """{"email":"a@example.com"}""");
        var (_, lead) = await Send(api, HttpMethod.Post, "/api/stages/new", """{"name":"Lead"}""");
        var (byId, _) = await Send(api, HttpMethod.Post, "/api/contacts/batch/stage", $$"""{"ids":[{{a}}],"stage":{{lead["stage"]!["id"]}}}""");

        var (response, _) = await Send(api, HttpMethod.Post, "/api/contacts/batch/stage", $$"""{"ids":[{{a}}],"stage":"{{unknown}}"}""");

        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"{(long)lead["stage"]!["id"]!}", (await api.Grains.GetContact(a).Get())!.Stage);
    }

    [Fact]
    public async Task Segments_and_campaigns_are_left_and_joined_in_one_action()
    {
        await using var api = new ApiFactory(store());
        var a = await Create(api, """{"email":"a@example.com"}""");
        var b = await Create(api, """{"email":"b@example.com"}""");
        var ids = $"[{a},{b}]";
        var (s3, s4, s5) = (await New(api, "segments", "list", "S3"), await New(api, "segments", "list", "S4"), await New(api, "segments", "list", "S5"));
        var (c8, c9) = (await New(api, "campaigns", "campaign", "C8"), await New(api, "campaigns", "campaign", "C9"));
        await Send(api, HttpMethod.Post, "/api/contacts/batch/segments", $$"""{"ids":{{ids}},"add":[{{s3}},{{s4}}]}""");
        await Send(api, HttpMethod.Post, "/api/contacts/batch/campaigns", $$"""{"ids":{{ids}},"add":[{{c8}},{{c9}}]}""");

        var (segments, _) = await Send(api, HttpMethod.Post, "/api/contacts/batch/segments", $$"""{"ids":{{ids}},"add":[{{s5}}],"remove":[{{s3}}]}""");
        var (campaigns, _) = await Send(api, HttpMethod.Post, "/api/contacts/batch/campaigns", $$"""{"ids":{{ids}},"remove":[{{c8}}]}""");
        var (both, error) = await Send(api, HttpMethod.Post, "/api/contacts/batch/campaigns", $$"""{"ids":{{ids}},"add":[{{c9}}],"remove":[{{c9}}]}""");
        var (unknownSegment, segmentError) = await Send(api, HttpMethod.Post, "/api/contacts/batch/segments", $$"""{"ids":{{ids}},"add":[987654]}""");
        var (unknownCampaign, _) = await Send(api, HttpMethod.Post, "/api/contacts/batch/campaigns", $$"""{"ids":{{ids}},"add":[987654]}""");

        Assert.Equal(HttpStatusCode.OK, segments.StatusCode);
        Assert.Equal(HttpStatusCode.OK, campaigns.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Contains("campaign", (string)error["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, unknownSegment.StatusCode);
        Assert.Equal("add: segment 987654 does not exist.", (string)segmentError["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, unknownCampaign.StatusCode);
        foreach (var id in new[] { a, b })
        {
            var contact = (await api.Grains.GetContact(id).Get())!;
            Assert.Equal([s4, s5], contact.Segments.Order());
            Assert.Equal([c9], contact.Campaigns.Keys);
        }
    }

    [Fact]
    public async Task Categories_must_exist_and_are_added_and_removed()
    {
        await using var api = new ApiFactory(store());
        var a = await Create(api, """{"email":"a@example.com"}""");
        var (_, news) = await Send(api, HttpMethod.Post, "/api/categories/new", """{"title":"News"}""");
        var (_, offers) = await Send(api, HttpMethod.Post, "/api/categories/new", """{"title":"Offers"}""");
        var (newsId, offersId) = ((long)news["category"]!["id"]!, (long)offers["category"]!["id"]!);

        var (added, _) = await Send(api, HttpMethod.Post, "/api/contacts/batch/categories", $$"""{"ids":[{{a}}],"add":[{{newsId}},{{offersId}}]}""");
        var (changed, _) = await Send(api, HttpMethod.Post, "/api/contacts/batch/categories", $$"""{"ids":[{{a}}],"remove":[{{newsId}}]}""");
        var (unknown, error) = await Send(api, HttpMethod.Post, "/api/contacts/batch/categories", $$"""{"ids":[{{a}}],"add":[987654]}""");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("987654", (string)error["errors"]![0]!["message"]!);
        Assert.Equal([offersId], (await api.Grains.GetContact(a).Get())!.Categories);
    }

    [Fact]
    public async Task Channels_are_unsubscribed_subscribed_and_given_a_frequency_rule()
    {
        await using var api = new ApiFactory(store());
        var a = await Create(api, """{"email":"a@example.com"}""");
        await Send(api, HttpMethod.Post, "/api/contacts/batch/dnc", $$"""{"ids":[{{a}}],"channel":"sms"}""");

        var (changed, _) = await Send(api, HttpMethod.Post, "/api/contacts/batch/channels",
            $$$$"""{"ids":[{{{{a}}}}],"channels":{"email":{"subscribed":false},"sms":{"subscribed":true,"frequencyNumber":2,"frequencyTime":"week"}}}""");
        var (invalid, error) = await Send(api, HttpMethod.Post, "/api/contacts/batch/channels",
            $$$$"""{"ids":[{{{{a}}}}],"channels":{"email":{"frequencyNumber":2,"frequencyTime":"fortnight"}}}""");
        var afterChange = (await api.Grains.GetContact(a).Get())!;
        await Send(api, HttpMethod.Post, "/api/contacts/batch/channels", $$$$"""{"ids":[{{{{a}}}}],"channels":{"sms":{"frequencyNumber":null}}}""");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("frequencyTime", (string)error["errors"]![0]!["message"]!);
        Assert.Equal(["email"], afterChange.DoNotContact.Select(d => d.Channel));
        Assert.Equal([new FrequencyRule("sms", 2, FrequencyUnit.Week)], afterChange.FrequencyRules);
        Assert.Empty((await api.Grains.GetContact(a).Get())!.FrequencyRules);
    }

    [Fact]
    public async Task A_contacts_frequency_rules_are_answered_keyed_by_channel_in_mautics_shape()
    {
        await using var api = new ApiFactory(store());
        var a = await Create(api, """{"email":"a@example.com"}""");
        await Send(api, HttpMethod.Post, "/api/contacts/batch/channels",
            $$$$"""{"ids":[{{{{a}}}}],"channels":{"sms":{"frequencyNumber":2,"frequencyTime":"week"},"email":{"frequencyNumber":1,"frequencyTime":"day"}}}""");

        var one = JsonNode.Parse(await api.ApiClient().GetStringAsync($"/api/contacts/{a}"))!;
        var list = JsonNode.Parse(await api.ApiClient().GetStringAsync($"/api/contacts?search=ids:{a}"))!;
        await Send(api, HttpMethod.Post, "/api/contacts/batch/channels", $$$$"""{"ids":[{{{{a}}}}],"channels":{"sms":{"frequencyNumber":null},"email":{"frequencyNumber":null}}}""");
        var cleared = JsonNode.Parse(await api.ApiClient().GetStringAsync($"/api/contacts/{a}"))!;

        var expected = JsonNode.Parse("""
            {"email":{"channel":"email","frequencyNumber":1,"frequencyTime":"DAY","preferredChannel":false,"pauseFromDate":null,"pauseToDate":null},
             "sms":{"channel":"sms","frequencyNumber":2,"frequencyTime":"WEEK","preferredChannel":false,"pauseFromDate":null,"pauseToDate":null}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, one["contact"]!["frequencyRules"]), one["contact"]!["frequencyRules"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expected, list["contacts"]![$"{a}"]!["frequencyRules"]));
        Assert.Equal("[]", cleared["contact"]!["frequencyRules"]!.ToJsonString());
    }

    [Fact]
    public async Task A_contact_body_sets_frequency_rules_in_the_shape_answers_show_and_checks_them_as_channels_does()
    {
        await using var api = new ApiFactory(store());
        var (created, body) = await Send(api, HttpMethod.Post, "/api/contacts/new",
            """{"email":"a@example.com","frequencyRules":{"sms":{"frequencyNumber":2,"frequencyTime":"week"}}}""");
        var a = (long)body["contact"]!["id"]!;
        var shown = body["contact"]!["frequencyRules"]!.DeepClone();

        var (echoed, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{a}/edit", $$"""{"frequencyRules":{{shown.ToJsonString()}}}""");
        var (invalid, error) = await Send(api, HttpMethod.Patch, $"/api/contacts/{a}/edit", """{"frequencyRules":{"sms":{"frequencyNumber":2,"frequencyTime":"fortnight"}}}""");
        var afterEcho = (await api.Grains.GetContact(a).Get())!;
        var (removed, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{a}/edit", """{"email":"a@example.com","frequencyRules":{"sms":{"frequencyNumber":null}}}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, echoed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("frequencyRules", (string)error["errors"]![0]!["message"]!);
        Assert.Equal([new FrequencyRule("sms", 2, FrequencyUnit.Week)], afterEcho.FrequencyRules);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty((await api.Grains.GetContact(a).Get())!.FrequencyRules);
    }

    [Fact]
    public async Task Delete_removes_the_named_contacts()
    {
        await using var api = new ApiFactory(store());
        var a = await Create(api, """{"email":"a@example.com"}""");
        var b = await Create(api, """{"email":"b@example.com"}""");

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/batch/delete", $$"""{"ids":[{{a}}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([200], body["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.False(await api.Grains.GetContact(a).Exists());
        Assert.True(await api.Grains.GetContact(b).Exists());
    }

    [Theory]
    [InlineData("owner", """ "owner":7 """)]
    [InlineData("delete", "")]
    [InlineData("segments", """ "remove":[1] """)]
    [InlineData("campaigns", """ "add":[1] """)]
    [InlineData("categories", """ "add":[1] """)]
    [InlineData("channels", """ "channels":{"email":{"subscribed":false}} """)]
    public async Task More_than_100_contacts_or_none_is_a_400(string action, string rest)
    {
        await using var api = new ApiFactory(store());
        var many = string.Join(",", Enumerable.Range(1, 101));
        var extra = rest.Length > 0 ? "," + rest : "";

        var (tooMany, body) = await Send(api, HttpMethod.Post, $"/api/contacts/batch/{action}", $$"""{"ids":[{{many}}]{{extra}}}""");
        var (none, _) = await Send(api, HttpMethod.Post, $"/api/contacts/batch/{action}", $$"""{"ids":[]{{extra}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("at most 100", (string)body["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }

    [Fact]
    public async Task The_limit_counts_the_ids_as_given_and_an_id_named_twice_is_changed_once()
    {
        await using var api = new ApiFactory(store());
        var a = await Create(api, """{"email":"a@example.com"}""");
        var sameOne = string.Join(",", Enumerable.Repeat(a, 101));

        var (tooMany, error) = await Send(api, HttpMethod.Post, "/api/contacts/batch/delete", $$"""{"ids":[{{sameOne}}]}""");
        var stillThere = await api.Grains.GetContact(a).Exists();
        var (twice, body) = await Send(api, HttpMethod.Post, "/api/contacts/batch/delete", $$"""{"ids":[{{a}},{{a}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("this one named 101", (string)error["errors"]![0]!["message"]!);
        Assert.True(stillThere);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal([a], body["ids"]!.AsArray().Select(id => (long)id!));
        Assert.Equal([200], body["statusCodes"]!.AsArray().Select(s => (int)s!));
    }

    [Fact]
    public async Task A_merged_away_id_and_its_winner_are_one_contact_changed_once_and_each_id_answers_its_outcome()
    {
        await using var api = new ApiFactory(store());
        var winner = await Create(api, """{"email":"winner@example.com"}""");
        var loser = await Create(api, """{"email":"loser@example.com"}""");
        var other = await Create(api, """{"email":"other@example.com"}""");
        await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}", "");

        var (_, dnc) = await Send(api, HttpMethod.Post, "/api/contacts/batch/dnc", $$"""{"ids":[{{loser}},{{winner}}]}""");
        var (_, deleted) = await Send(api, HttpMethod.Post, "/api/contacts/batch/delete", $$"""{"ids":[{{loser}},{{other}},{{winner}}]}""");

        Assert.Equal([200, 200], dnc["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.Equal([loser, other, winner], deleted["ids"]!.AsArray().Select(id => (long)id!));
        Assert.Equal([200, 200, 200], deleted["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.False(await api.Grains.GetContact(winner).Exists());
        Assert.False(await api.Grains.GetContact(other).Exists());
    }

    [Fact]
    public async Task An_upper_case_channel_is_no_channel_on_any_path_and_leaves_the_email_entry_as_it_was()
    {
        await using var api = new ApiFactory(store());
        var a = await Create(api, """{"email":"a@example.com"}""");
        await Send(api, HttpMethod.Post, "/api/contacts/batch/dnc", $$"""{"ids":[{{a}}],"channel":"email","reason":"kept"}""");

        var answers = new[]
        {
            await Send(api, HttpMethod.Post, $"/api/contacts/{a}/dnc/EMAIL/add", """{"reason":1}"""),
            await Send(api, HttpMethod.Post, $"/api/contacts/{a}/dnc/EMAIL/remove", ""),
            await Send(api, HttpMethod.Patch, $"/api/contacts/{a}/edit", """{"doNotContact":[{"channel":"EMAIL","reason":1}]}"""),
            await Send(api, HttpMethod.Post, "/api/contacts/batch/dnc", $$"""{"ids":[{{a}}],"channel":"EMAIL"}"""),
            // One channel named twice, in an order that would decide the outcome.
            await Send(api, HttpMethod.Post, "/api/contacts/batch/channels",
                $$$$"""{"ids":[{{{{a}}}}],"channels":{"EMAIL":{"subscribed":true},"email":{"subscribed":false}}}"""),
        };

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.BadRequest, answer.Response.StatusCode));
        Assert.All(answers.Take(4), answer => Assert.EndsWith(DoNotContactEntry.InvalidChannel, (string)answer.Body["errors"]![0]!["message"]!));
        var dnc = Assert.Single((await api.Grains.GetContact(a).Get())!.DoNotContact);
        Assert.Equal(("email", DoNotContactReason.Manual, "kept"), (dnc.Channel, dnc.Reason, dnc.Comments));
    }

    [Fact]
    public async Task The_selection_exports_through_the_ids_search()
    {
        await using var api = new ApiFactory(store());
        var a = await Create(api, """{"email":"a@example.com"}""");
        await Create(api, """{"email":"b@example.com"}""");

        var csv = await api.ApiClient().GetStringAsync($"/api/contacts/export?format=csv&search=ids:{a}");

        Assert.Contains("a@example.com", csv);
        Assert.DoesNotContain("b@example.com", csv);
    }

    /// <summary>Creates a segment or campaign named <paramref name="name"/> and answers its id.</summary>
    private static async Task<long> New(ApiFactory api, string resource, string one, string name)
    {
        var (response, body) = await Send(api, HttpMethod.Post, $"/api/{resource}/new", $$"""{"name":"{{name}}"}""");
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return (long)body[one]!["id"]!;
    }

    private static async Task<long> NewUser(ApiFactory api)
    {
        var (response, body) = await Send(api, HttpMethod.Post, "/api/users/new",
            """{"username":"ann","email":"ann@example.com","firstName":"Ann","lastName":"Lee","password":"ann-password"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)body["user"]!["id"]!;
    }
}

public sealed class SqliteContactBatchActionTests() : ContactBatchActionTests(TestStore.Sqlite);

public sealed class PostgreSqlContactBatchActionTests() : ContactBatchActionTests(TestStore.PostgreSql);
