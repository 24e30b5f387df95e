using System.Net;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Identity;
using Actors.Interfaces.Tags;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// MAUTIC-SPEC 3.7's value rules on writes: booleans, dates and finite numbers by field type, text XML can hold, tag
/// name length, default values, and reason 0.
/// </summary>
public abstract class ContactValueRulesTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_boolean_field_takes_mautics_spellings_and_refuses_others()
    {
        await using var api = new ApiFactory(store());
        await AddField(api, new FieldDefinition("vip", "VIP", "boolean", "core", false, false, null, true));

        var (yes, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"a@example.com","vip":"Yes"}""");
        var (off, offBody) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"b@example.com","vip":"off"}""");
        var (maybe, refused) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"c@example.com","vip":"maybe"}""");

        Assert.Equal(HttpStatusCode.Created, yes.StatusCode);
        Assert.Equal("1", (await api.Grains.GetContact((long)body["contact"]!["id"]!).Get())!.Fields["vip"]);
        Assert.Equal(HttpStatusCode.Created, off.StatusCode);
        Assert.Equal("0", (await api.Grains.GetContact((long)offBody["contact"]!["id"]!).Get())!.Fields["vip"]);
        Assert.Equal(HttpStatusCode.BadRequest, maybe.StatusCode);
        Assert.NotNull(refused["errors"]![0]!["details"]!["vip"]);
    }

    [Fact]
    public async Task A_date_field_stores_mautics_format_and_refuses_what_is_no_date()
    {
        await using var api = new ApiFactory(store());
        await AddField(api, new FieldDefinition("renewal", "Renewal", "date", "core", false, false, null, true));

        var (ok, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"a@example.com","renewal":"2027-03-01"}""");
        var (bad, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"b@example.com","renewal":"next spring"}""");

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal("2027-03-01", (await api.Grains.GetContact((long)body["contact"]!["id"]!).Get())!.Fields["renewal"]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory]
    [InlineData("www.example.com", "http://www.example.com")]
    [InlineData(" https://shop.example/path?q=1 ", "https://shop.example/path?q=1")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:text/html,hi", null)]
    [InlineData("javascript:1", null)]
    [InlineData(" JavaScript:443 ", null)]
    [InlineData("vbscript:1", null)]
    [InlineData("DATA:80", null)]
    [InlineData("not a url", null)]
    [InlineData("localhost:8080", "http://localhost:8080")]
    [InlineData("http://x.example/a b", null)]
    public async Task A_url_field_takes_web_addresses_adding_http_where_no_scheme_is_named(string given, string? stored)
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"web@example.com","website":"{{given}}"}""");

        if (stored is null)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("website: must be a web address such as https://example.com.", (string?)body["errors"]![0]!["message"]);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal(stored, (await api.Grains.GetContact((long)body["contact"]!["id"]!).Get())!.Fields["website"]);
        }
    }

    [Fact]
    public async Task A_time_field_refuses_what_is_no_time_with_a_time_as_its_example()
    {
        await using var api = new ApiFactory(store());
        await AddField(api, new FieldDefinition("opens", "Opens", "time", "core", false, false, null, true));

        var (bad, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"t@example.com","opens":"noon-ish"}""");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("opens: must be a time such as 14:00:00.", (string?)body["errors"]![0]!["message"]);
    }

    [Fact]
    public async Task Create_and_put_fill_absent_fields_with_their_default_but_patch_and_given_values_do_not()
    {
        await using var api = new ApiFactory(store());
        await AddField(api, new FieldDefinition("plan", "Plan", "text", "core", false, false, "free", true));

        var defaulted = await Create(api, """{"email":"a@example.com"}""");
        var given = await Create(api, """{"email":"b@example.com","plan":"gold"}""");
        await Send(api, HttpMethod.Patch, $"/api/contacts/{given}/edit", """{"city":"Oslo"}""");

        Assert.Equal("free", (await api.Grains.GetContact(defaulted).Get())!.Fields["plan"]);
        Assert.Equal("gold", (await api.Grains.GetContact(given).Get())!.Fields["plan"]);
    }

    [Fact]
    public async Task A_do_not_contact_entry_with_reason_0_makes_the_channel_contactable_again()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"a@example.com","doNotContact":[{"channel":"email","reason":3}]}""");

        var (response, body) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", """{"doNotContact":[{"channel":"email","reason":0}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(body["contact"]!["doNotContact"]!.AsArray());
    }

    [Fact]
    public async Task An_edit_that_would_clear_a_required_field_answers_422_and_changes_nothing()
    {
        await using var api = new ApiFactory(store());
        await AddField(api, new FieldDefinition("customer_no", "Customer number", "text", "core", false, false, null, true) { IsRequired = true });
        var existing = await Create(api, """{"email":"kept@example.com","customer_no":"c-0","city":"Oslo"}""");

        var (leftOut, refused) = await Send(api, HttpMethod.Put, $"/api/contacts/{existing}/edit", """{"email":"kept@example.com","city":"Rome"}""");
        var (blanked, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{existing}/edit", """{"customer_no":"","overwriteWithBlank":true}""");
        var (batch, batchBody) = await Send(api, HttpMethod.Put, "/api/contacts/batch/edit", $$"""[{"id":{{existing}},"email":"kept@example.com"}]""");
        var (whole, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{existing}/edit", """{"email":"kept@example.com","customer_no":"c-9"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, leftOut.StatusCode);
        Assert.Equal("A value is required.", (string)refused["errors"]![0]!["details"]!["customer_no"]![0]!);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blanked.StatusCode);
        Assert.Equal(422, (int)batchBody["statusCodes"]![0]!);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        var stored = (await api.Grains.GetContact(existing).Get())!.Fields;
        Assert.Equal("c-9", stored["customer_no"]);
        Assert.False(stored.ContainsKey("city") && stored["city"] is not null);
    }

    [Fact]
    public async Task A_required_field_must_be_given_to_create_a_contact_but_not_to_update_one()
    {
        await using var api = new ApiFactory(store());
        await AddField(api, new FieldDefinition("customer_no", "Customer number", "text", "core", false, false, null, true) { IsRequired = true });
        var existing = await Create(api, """{"email":"known@example.com","customer_no":"c-0"}""");

        var (missing, refused) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"new@example.com"}""");
        var claimedByRefusal = await api.Grains.GetGrain<IIdentifierIndexGrain>("email:new@example.com").Owner();
        var (put, _) = await Send(api, HttpMethod.Put, "/api/contacts/987654/edit", """{"email":"put@example.com"}""");
        var (given, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"new@example.com","customer_no":"c-1"}""");
        var (update, updated) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"known@example.com","city":"Oslo"}""");
        var (patch, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{existing}/edit", """{"city":"Rome"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Equal("A value is required.", (string)refused["errors"]![0]!["details"]!["customer_no"]![0]!);
        Assert.Null(claimedByRefusal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(existing, (long)updated["contact"]!["id"]!);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public async Task A_number_field_refuses_NaN_and_infinities_on_create_and_edit(string number)
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"a@example.com","attribution":"12.5"}""");

        var (created, refused) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"b@example.com","attribution":"{{number}}"}""");
        var (patched, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{id}/edit", $$"""{"attribution":"{{number}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal("attribution: must be a number.", (string)refused["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode);
        Assert.Equal("12.5", (await api.Grains.GetContact(id).Get())!.Fields["attribution"]);
    }

    [Fact]
    public async Task A_non_finite_number_stored_before_reads_as_null_on_the_contact_and_its_list()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"a@example.com"}""");
        await api.Grains.GetContact(id).Apply(new ContactEdit { At = DateTimeOffset.UtcNow, Fields = new Dictionary<string, string?> { ["attribution"] = "Infinity" } });

        var (one, contact) = await Send(api, HttpMethod.Get, $"/api/contacts/{id}", "");
        var (list, _) = await Send(api, HttpMethod.Get, "/api/contacts", "");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Null(contact["contact"]!["fields"]!["all"]!["attribution"]);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Theory]
    [InlineData("a\\u0001b")]
    [InlineData("a\\u0000b")]
    [InlineData("a\\uffffb")]
    [InlineData("a\\u007fb")]
    [InlineData("a\\u0085b")]
    [InlineData("a\\u009fb")]
    public async Task A_value_with_a_character_xml_cannot_hold_answers_400_naming_the_field(string escaped)
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"a@example.com","firstname":"{{escaped}}"}""");
        var (kept, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"b@example.com","firstname":"tab\there\r\nand there"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("firstname: must not hold control characters", (string)body["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
    }

    [Fact]
    public async Task Del_and_c1_controls_are_refused_by_rest_ignore_an_import_row_and_are_dropped_by_tracking()
    {
        await using var api = new ApiFactory(store());
        var (fieldResponse, _) = await Send(api, HttpMethod.Post, "/api/fields/contact/new", """{"label":"Nick","alias":"nick","type":"text","isPubliclyUpdatable":true}""");
        const string Nick = "nick";
        var (del, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"a@example.com","{{Nick}}":"a\u007fb"}""");
        var (nel, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"b@example.com","{{Nick}}":"a\u0085b"}""");
        var import = await Imports.ImportRequests.Import(api, $"email,{Nick}\nc@example.com,a\u0085b\nd@example.com,a\u007fb\ne@example.com,ab\n");
        var tracked = await Companies.CompanyTests.Track(api, new() { ["page_url"] = "http://x/", [Nick] = "a\u0085b\u007fc" });

        Assert.Equal(HttpStatusCode.Created, fieldResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, del.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nel.StatusCode);
        Assert.Equal(1, (int)import["insertedCount"]!);
        Assert.Equal([2, 3], import["failedLines"]!.AsArray().Select(p => (int)p!["line"]!).Order());
        Assert.All(import["failedLines"]!.AsArray(), p => Assert.StartsWith($"{Nick}: must not hold control characters", (string)p!["message"]!));
        Assert.Equal("abc", (await api.Grains.GetContact(tracked).Get())!.Fields[Nick]);
    }

    [Fact]
    public async Task A_tag_or_do_not_contact_comment_holding_a_control_character_answers_400_and_searches_keep_working()
    {
        await using var api = new ApiFactory(store());
        var id = await Create(api, """{"email":"a@example.com","tags":["sale"]}""");

        var refused = new List<(HttpStatusCode Status, string Message)>();
        foreach (var (path, json) in new[]
        {
            ("/api/contacts/new", """{"email":"b@example.com","tags":["a\u0000b"]}"""),
            ($"/api/contacts/{id}/edit", """{"doNotContact":[{"reason":3,"channel":"email","comments":"a\u0000b"}]}"""),
            ($"/api/contacts/{id}/dnc/email/add", """{"comments":"a\u0001b"}"""),
            ("/api/contacts/batch/dnc", $$"""{"ids":[{{id}}],"channel":"email","reason":"a\u0000b"}"""),
        })
        {
            var (response, body) = await Send(api, path.EndsWith("/edit") ? HttpMethod.Patch : HttpMethod.Post, path, json);
            refused.Add((response.StatusCode, body.ToJsonString()));
        }
        var (search, found) = await Send(api, HttpMethod.Get, "/api/contacts?search=tag:sale", "");
        var stored = (await api.Grains.GetContact(id).Get())!;

        Assert.All(refused, answer => Assert.Equal(HttpStatusCode.BadRequest, answer.Status));
        Assert.All(refused, answer => Assert.Contains("must not hold control characters", answer.Message));
        Assert.Empty(stored.DoNotContact);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal("1", (string)found["total"]!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_tag_longer_than_a_tag_name_can_be_answers_400_and_no_tag_is_made(bool asText)
    {
        await using var api = new ApiFactory(store());
        var tag = new string('t', Tag.MaxNameLength + 1);

        var (response, body) = await Send(api, HttpMethod.Post, "/api/contacts/new",
            asText ? $$"""{"email":"a@example.com","tags":"ok,{{tag}}"}""" : $$"""{"email":"a@example.com","tags":["ok","{{tag}}"]}""");
        var (created, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", $$"""{"email":"b@example.com","tags":["ok","{{tag[1..]}}"]}""");
        var (_, tags) = await Send(api, HttpMethod.Get, "/api/tags", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"is longer than {Tag.MaxNameLength} characters", (string)body["errors"]![0]!["details"]!["tags"]![0]!);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["ok", tag[1..]], tags["tags"]!.AsObject().Select(t => (string)t.Value!["tag"]!).Order());
    }

    [Fact]
    public async Task A_tag_holding_a_comma_in_a_tag_array_answers_400_naming_it_and_a_tag_text_splits_on_commas()
    {
        await using var api = new ApiFactory(store());

        var (refused, body) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"a@example.com","tags":["ok","a,b"]}""");
        var (created, contact) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"b@example.com","tags":"ok,a,b"}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("'a,b' holds a comma", (string)body["errors"]![0]!["details"]!["tags"]![0]!);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["a", "b", "ok"], contact["contact"]!["tags"]!.AsArray().Select(t => (string)t!["tag"]!).Order());
    }

    private static Task AddField(ApiFactory api, FieldDefinition field)
        => api.Grains.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields).Upsert(field);
}

public sealed class SqliteContactValueRulesTests() : ContactValueRulesTests(TestStore.Sqlite);

public sealed class PostgreSqlContactValueRulesTests() : ContactValueRulesTests(TestStore.PostgreSql);
