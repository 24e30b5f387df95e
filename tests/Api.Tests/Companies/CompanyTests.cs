using System.Net;
using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Companies;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Companies;

/// <summary>/api/companies and the contact-company links through the real pipeline on a real store.</summary>
public abstract class CompanyTests(Func<TestStore> store)
{
    internal const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    [Fact]
    public async Task Create_answers_201_in_Mautic_shape_and_the_same_name_again_edits_that_company()
    {
        await using var api = new ApiFactory(store());

        var (created, body) = await Send(api, HttpMethod.Post, "/api/companies/new",
            """{"companyname":"Acme","companycity":"Oslo","companynumber_of_employees":"42"}""");
        var id = (long)body["company"]!["id"]!;
        var (again, edited) = await Send(api, HttpMethod.Post, "/api/companies/new", """{"companyname":" ACME ","companyemail":"info@acme.example"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"http://localhost/api/companies/{id}", created.Headers.Location?.ToString());
        Assert.Equal("Oslo", (string)body["company"]!["fields"]!["core"]!["companycity"]!["value"]!);
        Assert.Equal(42, (int)body["company"]!["fields"]!["all"]!["companynumber_of_employees"]!);
        Assert.Equal("company", (string)body["company"]!["fields"]!["professional"]!["companynumber_of_employees"]!["object"]!);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (long)edited["company"]!["id"]!);
        Assert.Equal("Oslo", (string)edited["company"]!["fields"]!["all"]!["companycity"]!);
        Assert.Equal("info@acme.example", (string)edited["company"]!["fields"]!["all"]!["companyemail"]!);
    }

    [Fact]
    public async Task The_list_searches_orders_and_pages_the_companies_table()
    {
        await using var api = new ApiFactory(store());
        foreach (var (name, city) in new[] { ("Bravo", "Oslo"), ("Alpha", "Rome"), ("Charlie", "Oslo") })
            await Send(api, HttpMethod.Post, "/api/companies/new", $$"""{"companyname":"{{name}}","companycity":"{{city}}"}""");

        var (_, oslo) = await Send(api, HttpMethod.Get, "/api/companies?search=oslo&orderBy=companyname&orderByDir=desc", "");
        var (_, page) = await Send(api, HttpMethod.Get, "/api/companies?orderBy=companyname&start=1&limit=1", "");

        Assert.Equal(2, (int)oslo["total"]!);
        Assert.Equal(["Charlie", "Bravo"], oslo["companies"]!.AsObject().Select(c => (string)c.Value!["fields"]!["all"]!["companyname"]!));
        Assert.Equal(3, (int)page["total"]!);
        Assert.Equal("Bravo", (string)page["companies"]!.AsObject().Single().Value!["fields"]!["all"]!["companyname"]!);
    }

    [Fact]
    public async Task The_list_finds_and_orders_names_by_the_lower_case_every_search_compares_with()
    {
        await using var api = new ApiFactory(store());
        foreach (var name in new[] { "İzmir Lojistik", "Öztürk", "örnek", "Zeta" })
            await Send(api, HttpMethod.Post, "/api/companies/new", $$"""{"companyname":"{{name}}"}""");

        var (_, dotted) = await Send(api, HttpMethod.Get, "/api/companies?search=%C4%B0zmir", "");
        var (_, plain) = await Send(api, HttpMethod.Get, "/api/companies?search=izmir", "");
        var (_, ordered) = await Send(api, HttpMethod.Get, "/api/companies?orderBy=companyname", "");

        Assert.Equal(1, (int)dotted["total"]!);
        Assert.Equal(1, (int)plain["total"]!);
        // Where "Ö" sorts against "Z" is the database's collation; the case of a letter must not move it.
        var names = ordered["companies"]!.AsObject().Select(c => (string)c.Value!["fields"]!["all"]!["companyname"]!).ToList();
        Assert.Equal(names.IndexOf("örnek") + 1, names.IndexOf("Öztürk"));
    }

    [Fact]
    public async Task The_list_orders_names_without_regard_to_case()
    {
        await using var api = new ApiFactory(store());
        foreach (var name in new[] { "Ind", "comp 0", "Beta" })
            await Send(api, HttpMethod.Post, "/api/companies/new", $$"""{"companyname":"{{name}}"}""");

        var (_, list) = await Send(api, HttpMethod.Get, "/api/companies?orderBy=companyname", "");

        Assert.Equal(["Beta", "comp 0", "Ind"], list["companies"]!.AsObject().Select(c => (string)c.Value!["fields"]!["all"]!["companyname"]!));
    }

    [Fact]
    public async Task The_list_search_takes_quoted_phrases_and_needs_every_term_and_finds_percent_signs_as_text()
    {
        await using var api = new ApiFactory(store());
        foreach (var (name, city) in new[] { ("Quoted Co", "Oslo"), ("Co Quoted", "Rome"), ("100% Juice", "Oslo"), ("1000 Juices", "Oslo") })
            await Send(api, HttpMethod.Post, "/api/companies/new", $$"""{"companyname":"{{name}}","companycity":"{{city}}"}""");

        string[] Names(JsonNode list) => list["companies"]!.AsObject().Select(c => (string)c.Value!["fields"]!["all"]!["companyname"]!).Order().ToArray();
        var (_, phrase) = await Send(api, HttpMethod.Get, "/api/companies?search=%22Quoted%20Co%22", "");
        var (_, words) = await Send(api, HttpMethod.Get, "/api/companies?search=co%20rome", "");
        var (_, percent) = await Send(api, HttpMethod.Get, "/api/companies?search=0%25", "");

        Assert.Equal(["Quoted Co"], Names(phrase));
        Assert.Equal(["Co Quoted"], Names(words));
        Assert.Equal(["100% Juice"], Names(percent));
    }

    [Theory]
    [InlineData("/api/companies?orderBy=nope")]
    [InlineData("/api/companies?orderBy=companyname;DROP TABLE companies")]
    [InlineData("/api/companies?limit=-1")]
    [InlineData("/api/companies?start=abc")]
    [InlineData("/api/companies?orderByDir=sideways")]
    public async Task Bad_list_parameters_answer_400(string url)
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
        await Send(api, HttpMethod.Post, "/api/companies/new", """{"companyname":"Safe"}""");

        var (response, body) = await Send(api, HttpMethod.Get, "/api/companies?search=%27%20OR%201%3D1%20--", "");
        var (_, all) = await Send(api, HttpMethod.Get, "/api/companies", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (int)body["total"]!);
        Assert.Equal(1, (int)all["total"]!);
    }

    [Theory]
    [InlineData("{\"companyname\":", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"companyname\":\"X\",\"shoesize\":\"9\"}", "Unknown company fields: shoesize")]
    [InlineData("{\"companyname\":{\"a\":1}}", "companyname: must be a single value")]
    [InlineData("{\"companyname\":\"X\",\"companyemail\":\"nope\"}", "companyemail: A valid email is required")]
    [InlineData("{\"companyname\":\"X\",\"companynumber_of_employees\":\"many\"}", "companynumber_of_employees: must be a number")]
    [InlineData("{\"companyname\":\"X\",\"companyannual_revenue\":\"NaN\"}", "companyannual_revenue: must be a number")]
    [InlineData("{\"companyname\":\"X\",\"companyannual_revenue\":\"-Infinity\"}", "companyannual_revenue: must be a number")]
    [InlineData("{\"companyname\":\"X\",\"companynumber_of_employees\":\"1e999\"}", "companynumber_of_employees: must be a number")]
    [InlineData("{\"companyname\":\"X\\u0001\"}", "companyname: must not hold control characters")]
    [InlineData("{\"companycity\":\"Oslo\"}", "companyname: A value is required")]
    public async Task Bad_bodies_answer_400_naming_the_problem(string json, string message)
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/companies/new", json);
        var (_, list) = await Send(api, HttpMethod.Get, "/api/companies", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (string)body["errors"]![0]!["message"]!);
        Assert.Equal(0, (int)list["total"]!);
    }

    [Fact]
    public async Task A_company_number_is_stored_in_one_form_as_a_contacts_number_is()
    {
        await using var api = new ApiFactory(store());
        var (_, body) = await Send(api, HttpMethod.Post, "/api/companies/new", """{"companyname":"Forms","companyannual_revenue":"1500.50","companynumber_of_employees":"042"}""");
        var id = ((long)body["company"]!["id"]!).ToString(CultureInfo.InvariantCulture);

        var stored = (await api.Grains.GetGrain<ICompanyGrain>(id).Get())!.Fields;

        Assert.Equal("1500.5", stored["companyannual_revenue"]);
        Assert.Equal("42", stored["companynumber_of_employees"]);
    }

    [Fact]
    public async Task A_non_finite_number_stored_before_reads_as_null_on_the_company_and_its_list()
    {
        await using var api = new ApiFactory(store());
        var id = await NewCompany(api, "InfCo");
        await api.Grains.GetGrain<ICompanyGrain>(id.ToString(CultureInfo.InvariantCulture))
            .Write(new CompanyEdit { At = DateTimeOffset.UtcNow, Fields = new Dictionary<string, string?> { ["companyannual_revenue"] = "NaN" } });

        var (one, company) = await Send(api, HttpMethod.Get, $"/api/companies/{id}", "");
        var (list, _) = await Send(api, HttpMethod.Get, "/api/companies", "");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Null(company["company"]!["fields"]!["all"]!["companyannual_revenue"]);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task An_over_long_value_answers_400()
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/companies/new", $$"""{"companyname":"{{new string('x', 256)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("companyname: is longer than 255 characters.", (string)body["errors"]![0]!["message"]!);
    }

    [Theory]
    [InlineData("GET", "/api/companies/999999")]
    [InlineData("GET", "/api/companies/abc")]
    [InlineData("PATCH", "/api/companies/999999/edit")]
    [InlineData("DELETE", "/api/companies/999999/delete")]
    [InlineData("POST", "/api/companies/999999/contact/1/add")]
    [InlineData("GET", "/api/contacts/999999/companies")]
    public async Task Unknown_ids_answer_404(string method, string url)
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, new HttpMethod(method), url, """{"companycity":"Oslo"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Item was not found.", (string)body["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task Edit_patches_put_replaces_or_creates_and_a_taken_name_is_422()
    {
        await using var api = new ApiFactory(store());
        var (_, first) = await Send(api, HttpMethod.Post, "/api/companies/new", """{"companyname":"First","companycity":"Oslo"}""");
        var id = (long)first["company"]!["id"]!;
        await Send(api, HttpMethod.Post, "/api/companies/new", """{"companyname":"Taken"}""");

        var (patched, patch) = await Send(api, HttpMethod.Patch, $"/api/companies/{id}/edit", """{"companyphone":"123"}""");
        var (replaced, put) = await Send(api, HttpMethod.Put, $"/api/companies/{id}/edit", """{"companyname":"Renamed"}""");
        var (taken, conflict) = await Send(api, HttpMethod.Patch, $"/api/companies/{id}/edit", """{"companyname":"taken"}""");
        var (createdByPut, _) = await Send(api, HttpMethod.Put, "/api/companies/999999/edit", """{"companyname":"Fresh"}""");
        var (reused, _) = await Send(api, HttpMethod.Post, "/api/companies/new", """{"companyname":"First"}""");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("Oslo", (string)patch["company"]!["fields"]!["all"]!["companycity"]!);
        Assert.Equal("123", (string)patch["company"]!["fields"]!["all"]!["companyphone"]!);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Null(put["company"]!["fields"]!["all"]!["companycity"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Equal("companyname: This field must be unique.", (string)conflict["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.Created, createdByPut.StatusCode);
        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
    }

    [Fact]
    public async Task Delete_answers_the_company_then_404_and_frees_its_name()
    {
        await using var api = new ApiFactory(store());
        var (_, created) = await Send(api, HttpMethod.Post, "/api/companies/new", """{"companyname":"Gone"}""");
        var id = (long)created["company"]!["id"]!;

        var (deleted, body) = await Send(api, HttpMethod.Delete, $"/api/companies/{id}/delete", "");
        var (get, _) = await Send(api, HttpMethod.Get, $"/api/companies/{id}", "");
        var (_, list) = await Send(api, HttpMethod.Get, "/api/companies", "");
        var (again, fresh) = await Send(api, HttpMethod.Post, "/api/companies/new", """{"companyname":"Gone"}""");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("Gone", (string)body["company"]!["fields"]!["all"]!["companyname"]!);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(0, (int)list["total"]!);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.NotEqual(id, (long)fresh["company"]!["id"]!);
    }

    [Fact]
    public async Task The_latest_linked_company_is_primary_and_names_the_company_field_of_the_contact()
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"firstname":"Jo"}""");
        var first = await NewCompany(api, "First");
        var second = await NewCompany(api, "Second");

        var (added, success) = await Send(api, HttpMethod.Post, $"/api/companies/{first}/contact/{contact}/add", "");
        await Send(api, HttpMethod.Post, $"/api/companies/{second}/contact/{contact}/add", "");
        var (_, both) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");
        var secondIsCompany = await CompanyField(api, contact);
        await Send(api, HttpMethod.Post, $"/api/companies/{second}/contact/{contact}/remove", "");
        var (_, one) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(1, (int)success["success"]!);
        Assert.Equal(2, (int)both["total"]!);
        Assert.Equal(["0", "1"], both["companies"]!.AsArray().Select(c => (string)c!["is_primary"]!));
        Assert.Equal(second.ToString(), (string)both["companies"]![1]!["company_id"]!);
        Assert.Equal("Second", secondIsCompany);
        Assert.Equal("1", (string)one["companies"]![0]!["is_primary"]!);
        Assert.Equal("First", await CompanyField(api, contact));
    }

    [Fact]
    public async Task A_merge_keeps_the_company_links_of_both_contacts()
    {
        await using var api = new ApiFactory(store());
        var winner = await Create(api, """{"email":"win@example.com"}""");
        var loser = await Create(api, """{"email":"lose@example.com"}""");
        var mine = await NewCompany(api, "Mine");
        var theirs = await NewCompany(api, "Theirs");
        await Send(api, HttpMethod.Post, $"/api/companies/{mine}/contact/{winner}/add", "");
        await Send(api, HttpMethod.Post, $"/api/companies/{theirs}/contact/{loser}/add", "");

        await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}", "");
        var (_, links) = await Send(api, HttpMethod.Get, $"/api/contacts/{loser}/companies", "");

        Assert.Equal(2, (int)links["total"]!);
        Assert.Equal([mine.ToString(), theirs.ToString()], links["companies"]!.AsArray().Select(c => (string)c!["company_id"]!).Order());
        Assert.Single(links["companies"]!.AsArray(), c => (string)c!["is_primary"]! == "1");
    }

    [Fact]
    public async Task A_tracked_company_is_created_once_and_linked_to_every_visitor_that_names_it()
    {
        await using var api = new ApiFactory(store());

        var visitors = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Track(api, new()
        {
            ["page_url"] = "https://shop.example/",
            ["company"] = "NewCo",
            ["companycity"] = "Bergen",
            ["companyemail"] = i == 0 ? "not-an-email" : "hello@newco.example",
        })));
        var (_, list) = await Send(api, HttpMethod.Get, "/api/companies?search=newco", "");

        Assert.Equal(1, (int)list["total"]!);
        var company = list["companies"]!.AsObject().Single().Value!;
        Assert.Equal("Bergen", (string)company["fields"]!["all"]!["companycity"]!);
        Assert.Equal("hello@newco.example", (string)company["fields"]!["all"]!["companyemail"]!);
        foreach (var contact in visitors)
        {
            var (_, links) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");
            Assert.Equal((string)company["id"]!.ToString(), (string)links["companies"]![0]!["company_id"]!);
            Assert.Equal("NewCo", await CompanyField(api, contact));
        }
    }

    [Fact]
    public async Task A_hits_company_value_over_the_field_length_is_cut_to_it_as_a_contact_value_is()
    {
        await using var api = new ApiFactory(store());
        // 256 characters (code points), the last an emoji of two UTF-16 units: the cut keeps 255 and never half of one.
        var city = new string('x', 254) + "🙂🙂";

        await Track(api, new() { ["page_url"] = "https://shop.example/", ["company"] = "LongCo", ["companycity"] = city });
        var (_, list) = await Send(api, HttpMethod.Get, "/api/companies?search=longco", "");

        var company = list["companies"]!.AsObject().Single().Value!;
        Assert.Equal(new string('x', 254) + "🙂", (string)company["fields"]!["all"]!["companycity"]!);
    }

    [Fact]
    public async Task A_hit_naming_a_company_in_another_case_finds_it_without_renaming_it_and_names_it_on_the_contact_as_it_is()
    {
        await using var api = new ApiFactory(store());
        var acme = await NewCompany(api, "Acme");

        var first = await Track(api, new() { ["page_url"] = "https://shop.example/", ["company"] = "acme", ["companycity"] = "Oslo" });
        var (_, afterFirst) = await Send(api, HttpMethod.Get, $"/api/companies/{acme}", "");
        var second = await Track(api, new() { ["page_url"] = "https://shop.example/", ["companyname"] = " ACME " });
        var (_, afterSecond) = await Send(api, HttpMethod.Get, $"/api/companies/{acme}", "");
        var (_, list) = await Send(api, HttpMethod.Get, "/api/companies?search=acme", "");

        Assert.Equal(1, (int)list["total"]!);
        Assert.Equal("Acme", (string)afterFirst["company"]!["fields"]!["all"]!["companyname"]!);
        // The hit's other company fields still update it, as Mautic's do.
        Assert.Equal("Oslo", (string)afterFirst["company"]!["fields"]!["all"]!["companycity"]!);
        // A hit that names the company and nothing new leaves it untouched.
        Assert.Equal(afterFirst.ToJsonString(), afterSecond.ToJsonString());
        foreach (var contact in new[] { first, second })
        {
            var (_, links) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");
            Assert.Equal(acme.ToString(CultureInfo.InvariantCulture), (string)links["companies"]![0]!["company_id"]!);
            Assert.Equal("Acme", await CompanyField(api, contact));
        }
    }

    [Fact]
    public async Task Batches_report_each_company_and_a_bad_item_leaves_the_others_written()
    {
        await using var api = new ApiFactory(store());

        var (created, batch) = await Send(api, HttpMethod.Post, "/api/companies/batch/new",
            """[{"companyname":"One"},{"companycity":"no name"},{"companyname":"Three"}]""");
        var one = (long)batch["companies"]!["0"]!["id"]!;
        var (edited, edit) = await Send(api, HttpMethod.Patch, "/api/companies/batch/edit",
            $$"""[{"id":{{one}},"companycity":"Oslo"},{"id":999999,"companycity":"Nowhere"}]""");
        var (deleted, delete) = await Send(api, HttpMethod.Delete, $"/api/companies/batch/delete?ids={one},999999", "");
        var (tooMany, limit) = await Send(api, HttpMethod.Post, "/api/companies/batch/new",
            "[" + string.Join(",", Enumerable.Range(0, 201).Select(i => $$"""{"companyname":"C{{i}}"}""")) + "]");
        var (_, list) = await Send(api, HttpMethod.Get, "/api/companies", "");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal([201, 400, 201], batch["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.Equal("companyname: A value is required.", (string)batch["errors"]!["1"]!["message"]!);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal([200, 404], edit["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.Equal("Oslo", (string)edit["companies"]!["0"]!["fields"]!["all"]!["companycity"]!);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal([200, 404], delete["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("A max of 200 entities are supported at a time.", (string)limit["errors"]![0]!["message"]!);
        Assert.Equal(["Three"], list["companies"]!.AsObject().Select(c => (string)c.Value!["fields"]!["all"]!["companyname"]!));
    }

    [Fact]
    public async Task An_oversized_body_answers_413()
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/companies/new", $$"""{"companydescription":"{{new string('d', 1_100_000)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (int)body["errors"]![0]!["code"]!);
    }

    internal static Task<long> Track(ApiFactory api, Dictionary<string, string> form) => Track(api, form.AsEnumerable());

    /// <summary>A hit whose form may name a parameter more than once (<c>ms[]=a&amp;ms[]=b</c>).</summary>
    internal static async Task<long> Track(ApiFactory api, IEnumerable<KeyValuePair<string, string>> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mtc/event") { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation("User-Agent", Browser);
        request.Headers.TryAddWithoutValidation("X-Requested-With", "XMLHttpRequest");
        var response = await api.Visitor().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
    }

    private static async Task<long> NewCompany(ApiFactory api, string name)
    {
        var (response, body) = await Send(api, HttpMethod.Post, "/api/companies/new", $$"""{"companyname":"{{name}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)body["company"]!["id"]!;
    }

    internal static async Task<string?> CompanyField(ApiFactory api, long contact)
    {
        var (_, body) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}", "");
        return (string?)body["contact"]!["fields"]!["all"]!["company"];
    }
}

public sealed class SqliteCompanyTests() : CompanyTests(TestStore.Sqlite);

public sealed class PostgreSqlCompanyTests() : CompanyTests(TestStore.PostgreSql);
