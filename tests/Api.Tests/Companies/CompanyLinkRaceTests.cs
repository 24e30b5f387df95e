using System.Net;
using Actors.Api.Catalogs;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Companies;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Contacts.ContactWriteTests;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Companies;

/// <summary>
/// A contact's company field and its company links never end half made: a write that is refused leaves no company it
/// would have created (Mautic validates the whole form before it saves), and renames of one company running at once,
/// or racing contact writes of its old name, end with every linked contact showing the company's final name.
/// </summary>
public abstract class CompanyLinkRaceTests(Func<TestStore> store)
{
    [Fact]
    public async Task A_refused_contact_write_naming_a_new_company_leaves_no_company()
    {
        await using var api = new ApiFactory(store());
        await Create(api, """{"email":"ann@example.com"}""");
        var bob = await Create(api, """{"email":"bob@example.com"}""");

        var (patched, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{bob}/edit", """{"email":"ann@example.com","company":"Ghost One"}""");
        var (put, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{bob}/edit", """{"email":"ann@example.com","company":"Ghost Two"}""");
        var (posted, _) = await Send(api, HttpMethod.Post, "/api/contacts/new", """{"email":"cy@example.com","company":"Ghost Three","website":"javascript:1"}""");
        var (_, batchNew) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new",
            """[{"email":"di@example.com","company":"Ghost Four","website":"javascript:1"},{"email":"ed@example.com","company":"Kept"}]""");
        var (_, batchEdit) = await Send(api, HttpMethod.Patch, "/api/contacts/batch/edit", $$"""[{"id":{{bob}},"email":"ann@example.com","company":"Ghost Five"}]""");
        var import = await Import(api, $"id,email,company\n{bob},ann@example.com,Ghost Six\n");
        // A hit tracking refuses (a bot's) finds no company.
        var bot = api.Visitor();
        bot.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (compatible; Googlebot/2.1)");
        var pixel = await bot.GetAsync("/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F&company=Ghost%20Seven");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, patched.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal([400, 201], batchNew["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.Equal([422], batchEdit["statusCodes"]!.AsArray().Select(s => (int)s!));
        Assert.Equal(1, (int)import["ignoredCount"]!);
        Assert.Equal(HttpStatusCode.OK, pixel.StatusCode);
        Assert.Equal(["Kept"], await CompanyNames(api));
    }

    [Fact]
    public async Task Concurrent_renames_of_one_company_end_with_every_linked_contact_showing_its_final_name()
    {
        await using var api = new ApiFactory(store());
        var items = Enumerable.Range(0, 100).Select(i => $$"""{"email":"c{{i}}@example.com","company":"Acme"}""");
        var (_, created) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new", $"[{string.Join(",", items)}]");
        var contacts = created["contacts"]!.AsArray().Select(c => (long)c!["id"]!).ToArray();
        var acme = await CompanyOf(api, contacts[0]);

        var renames = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Send(api, HttpMethod.Patch, $"/api/companies/{acme}/edit", $$"""{"companyname":"Name {{i}}"}""")));

        Assert.All(renames, rename => Assert.Equal(HttpStatusCode.OK, rename.Response.StatusCode));
        var final = await NameOf(api, acme);
        foreach (var contact in contacts)
            Assert.Equal((acme, final, final), await LinkOf(api, contact));
        // Its name still finds it, and the names it no longer has are free.
        var (again, found) = await Send(api, HttpMethod.Post, "/api/companies/new", $$"""{"companyname":"{{final}}"}""");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(acme, (long)found["company"]!["id"]!);
        foreach (var name in Enumerable.Range(0, 8).Select(i => $"Name {i}").Append("Acme").Where(name => name != final))
            Assert.Equal(HttpStatusCode.Created, (await Send(api, HttpMethod.Post, "/api/companies/new", $$"""{"companyname":"{{name}}"}""")).Response.StatusCode);
        Assert.Empty(await api.Grains.GetGrain<ICompanyChangesGrain>(ICompanyChangesGrain.Key).Unfinished(CompanyChange.Rename));
    }

    [Fact]
    public async Task A_contact_write_of_the_old_name_racing_a_rename_ends_consistent()
    {
        await using var api = new ApiFactory(store());
        var acme = await CompanyDeleteTests.NewCompany(api, "Acme");
        var items = Enumerable.Range(0, 30).Select(i => $$"""{"email":"c{{i}}@example.com"}""");
        var (_, created) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new", $"[{string.Join(",", items)}]");
        var contacts = created["contacts"]!.AsArray().Select(c => (long)c!["id"]!).ToArray();

        var writes = contacts.Select(contact => Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", """{"company":"Acme"}"""));
        var rename = Send(api, HttpMethod.Patch, $"/api/companies/{acme}/edit", """{"companyname":"Renamed"}""");
        await Task.WhenAll([.. writes, rename]);

        Assert.Equal("Renamed", await NameOf(api, acme));
        foreach (var contact in contacts)
        {
            // Linked to the company renamed, showing its new name, or to a new company that took the freed name.
            var (company, field, linkName) = await LinkOf(api, contact);
            var name = await NameOf(api, company);
            Assert.Equal((name, name), (field, linkName));
            Assert.Equal(company == acme ? "Renamed" : "Acme", name);
        }
    }

    [Fact]
    public async Task Renames_racing_contact_writes_naming_the_same_names_leave_one_company_per_name()
    {
        await using var api = new ApiFactory(store());
        // Rounds of their own names: the interleaving that split a name needs a rename and a contact write to meet.
        foreach (var round in Enumerable.Range(0, 4))
        {
            var names = new[] { $"Mix{round}", $"MIX{round}", $"mix{round}-2", $"Mix{round}-3", $"MIX{round}-3" };
            var company = await CompanyDeleteTests.NewCompany(api, names[0]);
            var items = Enumerable.Range(0, 12).Select(i => $$"""{"email":"m{{round}}-{{i}}@example.com"}""");
            var (_, created) = await Send(api, HttpMethod.Post, "/api/contacts/batch/new", $"[{string.Join(",", items)}]");
            var contacts = created["contacts"]!.AsArray().Select(c => (long)c!["id"]!).ToArray();

            await Task.WhenAll(Enumerable.Range(0, 60).Select(n => n % 3 == 0
                ? Send(api, n % 2 == 0 ? HttpMethod.Patch : HttpMethod.Put, $"/api/companies/{company}/edit", $$"""{"companyname":"{{names[n % names.Length]}}"}""")
                : Send(api, HttpMethod.Patch, $"/api/contacts/{contacts[n % contacts.Length]}/edit", $$"""{"company":"{{names[n / 3 % names.Length]}}"}""")));

            var (_, list) = await Send(api, HttpMethod.Get, $"/api/companies?limit=0&search=mix{round}", "");
            var companies = list["companies"]!.AsObject().Select(c => (Id: long.Parse(c.Key), Name: (string)c.Value!["fields"]!["all"]!["companyname"]!)).ToArray();
            Assert.Distinct(companies.Select(c => c.Name.ToUpperInvariant()));
            // Each name's index entry leads to the company that holds it.
            foreach (var (id, name) in companies)
            {
                var (_, found) = await Send(api, HttpMethod.Post, "/api/companies/new", $$"""{"companyname":"{{name}}"}""");
                Assert.Equal(id, (long)found["company"]!["id"]!);
            }
        }
    }

    [Fact]
    public async Task Renames_of_one_company_cut_short_together_are_finished_at_start_up()
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"email":"jo@example.com","company":"Acme"}""");
        var acme = await CompanyOf(api, contact);
        var changes = api.Grains.GetGrain<ICompanyChangesGrain>(ICompanyChangesGrain.Key);
        await changes.Begin(CompanyChange.Rename, acme);
        await changes.Begin(CompanyChange.Rename, acme);
        await api.Grains.GetGrain<ICompanyGrain>(acme.ToString()).Write(new CompanyEdit
        {
            At = DateTimeOffset.UtcNow,
            Fields = new Dictionary<string, string?> { [Interfaces.Companies.CompanyNames.Alias] = "AcmeRenamed" },
        });

        await api.Services.GetRequiredService<UnfinishedCatalogChanges>().FinishAsync(CancellationToken.None);

        Assert.Equal((acme, "AcmeRenamed", "AcmeRenamed"), await LinkOf(api, contact));
        Assert.Empty(await changes.Unfinished(CompanyChange.Rename));
    }

    /// <summary>The contact's primary company, its company field and the name its link shows.</summary>
    private static async Task<(long Company, string? Field, string? LinkName)> LinkOf(ApiFactory api, long contact)
    {
        var (_, links) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");
        var primary = links["companies"]!.AsArray().Single(l => (string)l!["is_primary"]! == "1")!;
        return (long.Parse((string)primary["company_id"]!), await CompanyTests.CompanyField(api, contact), (string?)primary["companyname"]);
    }

    private static async Task<long> CompanyOf(ApiFactory api, long contact) => (await LinkOf(api, contact)).Company;

    private static async Task<string?> NameOf(ApiFactory api, long company)
    {
        var (_, body) = await Send(api, HttpMethod.Get, $"/api/companies/{company}", "");
        return (string?)body["company"]!["fields"]!["all"]!["companyname"];
    }

    private static async Task<string[]> CompanyNames(ApiFactory api)
    {
        var (_, list) = await Send(api, HttpMethod.Get, "/api/companies?orderBy=companyname&limit=0", "");
        return [.. list["companies"]!.AsObject().Select(c => (string)c.Value!["fields"]!["all"]!["companyname"]!)];
    }
}

public sealed class SqliteCompanyLinkRaceTests() : CompanyLinkRaceTests(TestStore.Sqlite);

public sealed class PostgreSqlCompanyLinkRaceTests() : CompanyLinkRaceTests(TestStore.PostgreSql);
