using System.Net;
using Actors.Api.Contacts;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>Deleting, batches, do-not-contact, points and UTM tags through /api on a real store.</summary>
public abstract class ContactActionTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_deleted_contact_answers_404_and_its_email_makes_a_new_contact()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"gone@example.com","firstname":"Gone"}""");

        var (deleted, body) = await Send(api, HttpMethod.Delete, $"/api/contacts/{id}/delete", "");
        var (get, _) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}", "");
        var (again, _) = await Send(api, HttpMethod.Delete, $"/api/contacts/{id}/delete", "");
        var (listed, list) = await Send(api, HttpMethod.Get, "/api/contacts?search=firstname:gone", "");
        var reused = await Create(api, """{"email":"Gone@example.com"}""");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("0", (string)list["total"]!);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("Gone", (string)body["contact"]!["fields"]!["all"]!["firstname"]!);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.NotEqual(id, reused);
    }

    [Fact]
    public async Task A_deleted_contact_cannot_be_merged()
    {
        await using var api = new ApiFactory(store());
        var winner = await Create(api, """{"email":"stays@example.com"}""");
        var loser = await Create(api, """{"email":"deleted@example.com"}""");
        await Send(api, HttpMethod.Delete, $"/api/contacts/{loser}/delete", "");

        Assert.Equal(MergeOutcome.Refused, await api.Grains.GetContact(winner).Absorb(loser));
        Assert.Null(await api.Grains.GetContact(loser).MergedInto());
    }

    [Fact]
    public async Task Batch_new_reports_each_item_and_a_bad_item_leaves_the_others_applied()
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new",
            """[{"email":"one@example.com"},{"email":"bad"},{"email":"three@example.com"}]""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([201, 400, 201], body["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.Equal("email: A valid email is required.", (string)body["errors"]!["1"]!["message"]!);
        // A field's error keeps the error body's shape in a batch, as Mautic's processForm returns it there.
        Assert.Equal("""{"code":400,"message":"email: A valid email is required.","details":{"email":["A valid email is required."]},"type":null}""",
            body["errors"]!["1"]!.ToJsonString());
        Assert.Equal("three@example.com", (string)body["contacts"]!["2"]!["fields"]!["all"]!["email"]!);
        Assert.Null(body["contacts"]!["1"]);
    }

    [Fact]
    public async Task Batch_items_naming_one_email_or_id_apply_in_order_while_the_rest_run_alongside()
    {
        await using var api = new ApiFactory(store());
        var items = Enumerable.Range(0, 40).Select(i => $$"""{"email":"other{{i}}@example.com"}""")
            .Prepend("""{"email":"same@example.com","city":"first"}""")
            .Append("""{"email":"SAME@example.com","city":"second"}""")
            .Append("""{"email":" same@example.com ","city":"third"}""");

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new", "[" + string.Join(",", items) + "]");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var codes = body["statusCodes"]!.AsArray().Select(s => (int)s!).ToArray();
        Assert.Equal(201, codes[0]);
        Assert.Equal([200, 200], codes[^2..]);
        Assert.All(codes[1..^2], code => Assert.Equal(201, code));
        var contacts = body["contacts"]!.AsArray();
        var same = (long)contacts[0]!["id"]!;
        Assert.Equal([same, same], contacts.TakeLast(2).Select(c => (long)c!["id"]!));
        Assert.Equal(41, contacts.Select(c => (long)c!["id"]!).Distinct().Count());
        Assert.Equal("third", (await api.Grains.GetContact(same).Get())!.Fields["city"]);

        var (edited, _) = await Send(api, HttpMethod.Patch, "/api/contacts/batch/edit",
            $$"""[{"id":{{same}},"city":"a"},{"id":"{{same}}","city":"b"},{"id":{{same}},"city":"c"}]""");
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("c", (await api.Grains.GetContact(same).Get())!.Fields["city"]);
    }

    [Fact]
    public async Task Batch_edit_items_naming_one_contact_by_a_merged_id_and_by_its_own_run_in_item_order()
    {
        await using var api = new ApiFactory(store());
        var pairs = new List<(long Winner, long Loser)>();
        for (var person = 0; person < 10; person++)
        {
            var winner = await Create(api, $$"""{"email":"winner{{person}}@example.com"}""");
            var loser = await Create(api, $$"""{"email":"loser{{person}}@example.com"}""");
            var (merged, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}", "");
            Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
            pairs.Add((winner, loser));
        }
        // Each winner's items alternate between the loser's id and its own, its last item by the loser's id.
        var items = Enumerable.Range(0, 6).SelectMany(take => pairs.Select(pair =>
            $$"""{"id":{{(take % 2 == 0 ? pair.Winner : pair.Loser)}},"city":"take{{take}}"}"""));

        var (edited, _) = await Send(api, HttpMethod.Patch, "/api/contacts/batch/edit", $"[{string.Join(",", items)}]");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        foreach (var (winner, _) in pairs)
            Assert.Equal("take5", (await api.Grains.GetContact(winner).Get())!.Fields["city"]);
    }

    [Fact]
    public async Task A_batch_in_which_no_item_failed_answers_without_errors_as_Mautic_does()
    {
        await using var api = new ApiFactory(store());

        var (_, created) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new", """[{"email":"ok1@example.com"},{"email":"ok2@example.com"}]""");
        var ids = created["contacts"]!.AsArray().Select(c => (long)c!["id"]!).ToArray();
        var (_, edited) = await Send(api, HttpMethod.Patch, "/api/contacts/batch/edit", $$"""[{"id":{{ids[0]}},"city":"Rome"}]""");
        var (_, deleted) = await Send(api, HttpMethod.Delete, $"/api/contacts/batch/delete?ids={ids[0]},{ids[1]}", "");

        Assert.Equal(["contacts", "statusCodes"], created.AsObject().Select(member => member.Key));
        Assert.Equal(["contacts", "statusCodes"], edited.AsObject().Select(member => member.Key));
        Assert.Equal(["contacts", "statusCodes"], deleted.AsObject().Select(member => member.Key));
    }

    [Fact]
    public async Task Batch_edit_patches_by_item_id_and_answers_404_for_a_missing_one()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"edit@example.com"}""");

        var (response, body) = await Send(api, HttpMethod.Patch, "/api/contacts/batch/edit", $$"""[{"id":{{id}},"city":"Rome"},{"id":999999,"city":"Nowhere"}]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([200, 404], body["statusCodes"]!.AsArray().Select(s => (int)s!));
        // Mautic's setBatchError: type "api" and no details.
        Assert.Equal("""{"message":"Item was not found.","code":404,"type":"api"}""", body["errors"]!["1"]!.ToJsonString());
        Assert.Equal("Rome", (await api.Grains.GetContact(id).Get())!.Fields["city"]);
    }

    [Fact]
    public async Task Batch_delete_deletes_the_ids_and_reports_the_missing_ones()
    {
        await using var api = new ApiFactory(store());
        var first = await Create(api, """{"email":"d1@example.com"}""");
        var second = await Create(api, """{"email":"d2@example.com"}""");

        var (response, body) = await Send(api, HttpMethod.Delete, $"/api/contacts/batch/delete?ids={first},999999,{second}", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([200, 404, 200], body["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.Equal("""{"message":"Item was not found.","code":404,"type":"api"}""", body["errors"]!["1"]!.ToJsonString());
        Assert.False(await api.Grains.GetContact(first).Exists());
        Assert.False(await api.Grains.GetContact(second).Exists());
    }

    [Fact]
    public async Task Batch_delete_reads_its_ids_from_the_query_as_PHP_does()
    {
        await using var api = new ApiFactory(store());
        var ids = new long[5];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = await Create(api, $$"""{"email":"php{{i}}@example.com"}""");

        var (_, appended) = await Send(api, HttpMethod.Delete, $"/api/contacts/batch/delete?ids[]={ids[1]}&ids[]={ids[0]}", "");
        var (_, indexed) = await Send(api, HttpMethod.Delete, $"/api/contacts/batch/delete?ids%5B0%5D={ids[2]}", "");
        var (_, replaced) = await Send(api, HttpMethod.Delete, $"/api/contacts/batch/delete?ids[]={ids[3]}&ids={ids[4]}", "");

        Assert.Equal([ids[1], ids[0]], appended["contacts"]!.AsArray().Select(c => (long)c!["id"]!));
        Assert.Equal([ids[2]], indexed["contacts"]!.AsArray().Select(c => (long)c!["id"]!));
        Assert.Equal([ids[4]], replaced["contacts"]!.AsArray().Select(c => (long)c!["id"]!));
        Assert.True(await api.Grains.GetContact(ids[3]).Exists());
    }

    [Fact]
    public async Task A_batch_over_the_limit_answers_400()
    {
        await using var api = new ApiFactory(store());
        var items = string.Join(",", Enumerable.Range(0, 201).Select(i => $$"""{"email":"n{{i}}@example.com"}"""));

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new", $"[{items}]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("A max of 200 entities are supported at a time.", (string)body["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task Any_reason_code_above_0_is_kept_as_Mautic_keeps_it_and_others_are_refused_with_the_rule()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"code@example.com"}""");

        var (added, contact) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/dnc/email/add", """{"reason":9}""");
        var (highest, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/dnc/sms/add", """{"reason":"32767"}""");
        var (inBody, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"body@example.com","doNotContact":[{"channel":"email","reason":7}]}""");
        var refused = new Dictionary<string, string>();
        foreach (var reason in new[] { "-1", "32768", "\"abc\"", "1.5" })
        {
            var (response, error) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/dnc/push/add", $$"""{"reason":{{reason}}}""");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("Invalid reason code given", (string?)error["errors"]![0]!["message"]);
            refused[reason] = (string)error["errors"]![0]!["details"]![0]!;
        }

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(9, (int)contact["contact"]!["doNotContact"]![0]!["reason"]!);
        Assert.Equal(HttpStatusCode.OK, highest.StatusCode);
        Assert.Equal(HttpStatusCode.Created, inBody.StatusCode);
        Assert.Equal(7, (int)body["contact"]!["doNotContact"]![0]!["reason"]!);
        Assert.Equal(DoNotContactEntry.ReasonRule, refused["-1"]);
        Assert.Equal(DoNotContactEntry.ReasonCeiling, refused["32768"]);
        Assert.Equal(DoNotContactEntry.ReasonRule, refused["\"abc\""]);
        Assert.Equal(DoNotContactEntry.ReasonRule, refused["1.5"]);
        Assert.DoesNotContain((await api.Grains.GetContact(id).Get())!.DoNotContact, e => e.Channel == "push");
    }

    [Fact]
    public async Task Do_not_contact_is_added_removed_and_its_reason_checked()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"dnc@example.com"}""");

        var (invalid, error) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/dnc/email/add", """{"reason":0}""");
        var (added, contact) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/dnc/sms/add", """{"reason":2,"comments":"bounced"}""");
        var (_, removed) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/dnc/sms/remove", "");
        var (_, notThere) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/dnc/sms/remove", "");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("""{"code":400,"message":"Invalid reason code given","details":["Reason code needs to be an integer and higher than 0."],"type":null}""",
            error["errors"]![0]!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(2, (int)contact["contact"]!["doNotContact"]![0]!["reason"]!);
        Assert.True((bool)removed["recordFound"]!);
        Assert.Empty(removed["contact"]!["doNotContact"]!.AsArray());
        Assert.False((bool)notThere["recordFound"]!);
        Assert.Equal(2, (await api.Grains.GetContact(id).Timeline()).Count(e => e.Type == "lead.donotcontact"));
    }

    [Fact]
    public async Task Do_not_contact_the_contact_already_has_changes_nothing_and_records_no_timeline_entry()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"dnc@example.com"}""");

        foreach (var comments in new[] { "first", "first", "second" })
            await Send(api, HttpMethod.Post, $"/api/contacts/{id}/dnc/email/add", $$"""{"reason":3,"comments":"{{comments}}"}""");
        await Send(api, HttpMethod.Post, "/api/contacts/batch/dnc", $$"""{"ids":[{{id}}],"reason":"by batch"}""");
        var manual = Assert.Single((await api.Grains.GetContact(id).Get())!.DoNotContact);
        await Send(api, HttpMethod.Post, $"/api/contacts/{id}/dnc/email/add", """{"reason":1,"comments":"footer"}""");
        await Send(api, HttpMethod.Post, $"/api/contacts/{id}/dnc/email/add", """{"reason":2,"comments":"bounced"}""");

        // Mautic's addDncForContact: created, then the same reason left alone; a new reason updates, but never an unsubscribe.
        Assert.Equal((DoNotContactReason.Manual, "first"), (manual.Reason, manual.Comments));
        var unsubscribed = Assert.Single((await api.Grains.GetContact(id).Get())!.DoNotContact);
        Assert.Equal((DoNotContactReason.Unsubscribed, "footer"), (unsubscribed.Reason, unsubscribed.Comments));
        var (_, activity) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}/activity", "");
        Assert.Equal(2, activity["events"]!.AsArray().Count(e => (string)e!["event"]! == "lead.donotcontact"));
    }

    [Theory]
    [InlineData("@x")]
    [InlineData("a%20b")]
    [InlineData("1sms")]
    public async Task Do_not_contact_refuses_a_channel_that_is_no_channel_name(string channel)
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"dnc@example.com"}""");

        var (response, error) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/dnc/{channel}/add", """{"reason":3}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(DoNotContactEntry.InvalidChannel, (string)error["errors"]![0]!["message"]!);
        Assert.Empty((await api.Grains.GetContact(id).Get())!.DoNotContact);
    }

    [Fact]
    public async Task Points_operators_change_the_points_and_show_in_the_timeline()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"points@example.com","points":10}""");

        foreach (var step in new[] { "plus/5", "minus/3", "times/4", "divide/6" })
        {
            var (response, body) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/points/{step}", "");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(1, (int)body["success"]!);
        }
        var (badOperator, error) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/points/set/5", "");
        var (byZero, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/points/divide/0", "");

        Assert.Equal(8, (await api.Grains.GetContact(id).Get())!.Points);
        Assert.Equal(5, (await api.Grains.GetContact(id).Timeline()).Count(e => e.Type == "point.gained"));
        Assert.Equal(HttpStatusCode.BadRequest, badOperator.StatusCode);
        Assert.Equal("Invalid operator", (string)error["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, byZero.StatusCode);
    }

    [Theory]
    [InlineData(int.MaxValue, "plus/1", "2147483648")]
    [InlineData(int.MaxValue, "minus/-1", "2147483648")]
    [InlineData(int.MaxValue, "times/2", "4294967294")]
    [InlineData(int.MaxValue, "times/-2", "-4294967294")]
    [InlineData(int.MinValue, "divide/-1", "2147483648")]
    [InlineData(int.MinValue, "times/-1", "2147483648")]
    [InlineData(int.MinValue, "minus/1", "-2147483649")]
    [InlineData(int.MinValue, "plus/-2147483648", "-4294967296")]
    [InlineData(int.MinValue, "times/-2147483648", "4611686018427387904")]
    public async Task A_points_operation_whose_result_an_int_cannot_hold_is_400_and_changes_nothing(int start, string step, string result)
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"overflow@example.com"}""");
        var (set, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", $$"""{"points":{{start}}}""");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var before = await api.Grains.GetContact(id).Timeline();

        var (response, body) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/points/{step}", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"The points would become {result}, outside what a contact's points can be (-2147483648 to 2147483647); nothing was changed.",
            (string)body["errors"]![0]!["message"]!);
        Assert.Equal(start, (await api.Grains.GetContact(id).Get())!.Points);
        Assert.Equal(before.Count, (await api.Grains.GetContact(id).Timeline()).Count);
        var (_, read) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}", "");
        Assert.Equal(start, (int)read["contact"]!["points"]!);
    }

    [Fact]
    public async Task Points_reach_both_ends_of_the_int_range_exactly_and_the_timeline_delta_is_exact()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"ends@example.com","points":-1}""");

        var (minus, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/points/minus/-2147483648", "");
        Assert.Equal(HttpStatusCode.OK, minus.StatusCode);
        Assert.Equal(int.MaxValue, (await api.Grains.GetContact(id).Get())!.Points);
        var (down, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", """{"points":-2147483648}""");
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        var (divide, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/points/divide/2", "");
        Assert.Equal(HttpStatusCode.OK, divide.StatusCode);

        Assert.Equal(-1073741824, (await api.Grains.GetContact(id).Get())!.Points);
        var deltas = (await api.Grains.GetContact(id).Timeline()).Where(e => e.Type == "point.gained").Select(e => e.Details["delta"]!).ToArray();
        Assert.Equal(["-1", "2147483648", "-4294967295", "1073741824"], deltas);
    }

    [Theory]
    [InlineData("points/plus/2147483648")]
    [InlineData("points/minus/-2147483649")]
    [InlineData("points/times/99999999999999999999")]
    public async Task A_points_delta_outside_the_int_range_is_400(string step)
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"delta@example.com","points":3}""");

        var (response, body) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/{step}", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The points delta must be a whole number from -2147483648 to 2147483647.", (string)body["errors"]![0]!["message"]!);
        Assert.Equal(3, (await api.Grains.GetContact(id).Get())!.Points);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("\"99999999999999999999\"")]
    public async Task A_points_value_outside_the_int_range_is_400_on_new_edit_and_batch(string points)
    {
        const string Message = "points: must be from -2147483648 to 2147483647.";
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"range@example.com","points":5}""");

        var (created, createdBody) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"range2@example.com","points":{{points}}}""");
        var (patched, patchedBody) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", $$"""{"points":{{points}}}""");
        var (put, putBody) = await Send(api, HttpMethod.Put, $"/api/contacts/{id}/edit", $$"""{"email":"range@example.com","points":{{points}}}""");
        var (batch, batchBody) = await Send(api, HttpMethod.Patch, "/api/contacts/batch/edit", $$"""[{"id":{{id}},"points":{{points}}},{"id":{{id}},"points":6}]""");

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(Message, (string)createdBody["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode);
        Assert.Equal(Message, (string)patchedBody["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(Message, (string)putBody["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal([400, 200], batchBody["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.Equal(Message, (string)batchBody["errors"]!["0"]!["message"]!);
        Assert.Equal(6, (await api.Grains.GetContact(id).Get())!.Points);
        Assert.Equal("0", (string)(await Send(api, HttpMethod.Get, "/api/contacts?search=email:range2@example.com", "")).Body["total"]!);
    }

    [Fact]
    public async Task Utm_tags_are_added_and_removed_in_the_timeline()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"utm@example.com"}""");

        var (added, body) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/add", """{"utm_source":"news","utm_campaign":"fall","url":"https://shop.example/"}""");
        var utmId = (int)body["contact"]!["utmtags"]![0]!["id"]!;
        var (removed, after) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/{utmId}/remove", "");
        var (missing, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/7/remove", "");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("news", (string)body["contact"]!["utmtags"]![0]!["utmSource"]!);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty(after["contact"]!["utmtags"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var timeline = await api.Grains.GetContact(id).Timeline();
        Assert.Contains(timeline, e => e.Type == "lead.utmtagsadded");
        Assert.Contains(timeline, e => e.Type == "lead.utmtagsremoved");
    }

    [Fact]
    public async Task A_utm_body_without_a_value_or_with_a_list_for_one_is_400_and_a_long_content_is_cut_as_mautic_cuts_it()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"utm@example.com"}""");

        var refused = new List<(HttpStatusCode, string)>();
        foreach (var json in new[] { "{}", """{"bogus":1}""", """{"utm_source":" ","lastActive":"2017-01-17T00:30:08+00:00"}""", """{"utm_source":["a"]}""" })
        {
            var (response, error) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/add", json);
            refused.Add((response.StatusCode, (string)error["errors"]![0]!["message"]!));
        }
        var content = string.Concat(Enumerable.Repeat("\ud83d\ude00", 300));
        var (added, body) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/add", $$"""{"utm_content":"{{content}}","bogus":1}""");

        Assert.All(refused, answer => Assert.Equal(HttpStatusCode.BadRequest, answer.Item1));
        Assert.StartsWith("A UTM record needs a value", refused[0].Item2);
        Assert.Equal("utm_source: must be a single value.", refused[3].Item2);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var stored = Assert.Single((await api.Grains.GetContact(id).Get())!.Utm).Content!;
        Assert.Equal(string.Concat(Enumerable.Repeat("\U0001F600", 191)), stored);
    }

    [Fact]
    public async Task A_utm_value_or_query_entry_holding_a_control_character_is_400_and_adds_nothing()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"utm@example.com","tags":["sale"]}""");

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var json in new[] { """{"utm_source":"\u0000"}""", """{"url":"a\u0001b"}""", """{"utm_source":"x","query":{"k\u0000":"v"}}""", """{"utm_source":"x","query":"k=%00"}""" })
        {
            var (response, error) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/add", json);
            answers.Add((response.StatusCode, (string)error["errors"]![0]!["message"]!));
        }
        var search = await api.ApiClient().GetAsync("/api/contacts?search=tag:sale");

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.BadRequest, answer.Item1));
        Assert.StartsWith("utm_source: must not hold control characters", answers[0].Item2);
        Assert.StartsWith("query: must not hold control characters", answers[2].Item2);
        Assert.Empty((await api.Grains.GetContact(id).Get())!.Utm);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
    }

    [Fact]
    public async Task A_utm_entry_keeps_its_query_user_agent_host_and_date_and_moves_last_active()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"utm@example.com"}""");

        var (added, body) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/add",
            """{"utm_source":"fb","Useragent":"Mozilla/5.0 Firefox/50.0","query":"cid=abc&cond=new","remotehost":"example.com","lastActive":"2017-01-17T00:30:08+00:00"}""");
        var (objectQuery, second) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/add", """{"utm_source":"x","query":{"cid":"def"}}""");
        var (badDate, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/add", """{"lastActive":"yesterday"}""");
        var (badQuery, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{id}/utm/add", """{"query":[1,2]}""");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var utm = body["contact"]!["utmtags"]![0]!;
        Assert.Equal("abc", (string)utm["query"]!["cid"]!);
        Assert.Equal("new", (string)utm["query"]!["cond"]!);
        Assert.Equal("Mozilla/5.0 Firefox/50.0", (string)utm["userAgent"]!);
        Assert.Equal("example.com", (string)utm["remoteHost"]!);
        Assert.Equal("2017-01-17T00:30:08+00:00", (string)utm["dateAdded"]!);
        Assert.Equal("2017-01-17T00:30:08+00:00", (string)body["contact"]!["lastActive"]!);
        Assert.Equal(HttpStatusCode.OK, objectQuery.StatusCode);
        Assert.Equal("def", (string)second["contact"]!["utmtags"]![1]!["query"]!["cid"]!);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
    }
}

public sealed class SqliteContactActionTests() : ContactActionTests(TestStore.Sqlite);

public sealed class PostgreSqlContactActionTests() : ContactActionTests(TestStore.PostgreSql);
