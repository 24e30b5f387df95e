using System.Net;
using Actors.Api.Catalogs;
using Actors.Api.Tests.Infrastructure;
using Actors.Interfaces.Companies;
using Actors.Interfaces.Contacts;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Contacts.ContactWriteTests;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Companies;

/// <summary>
/// A contact's company field and its company links agree on every path (MAUTIC-SPEC 3.2: <c>company</c> drives
/// company linking): a value written finds the company by name in any case, or creates it, and links it as the primary
/// one, the field taking the company's spelling; a blank or a PUT leaving it out keeps the links and the field naming
/// the primary one; a rename shows on the contacts; a delete or unlink renames the field only where it named the
/// company going; a merge makes primary the company the merged field names.
/// </summary>
public abstract class ContactCompanyFieldTests(Func<TestStore> store)
{
    [Fact]
    public async Task Writing_the_company_field_links_the_company_found_in_any_case_or_created()
    {
        await using var api = new ApiFactory(store());
        var zeta = await CompanyDeleteTests.NewCompany(api, "Zeta");
        var contact = await Create(api, """{"email":"jo@example.com"}""");
        var created = await Create(api, """{"email":"al@example.com","company":"  Newco  "}""");

        var (patched, _) = await Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", """{"company":"zeta"}""");
        var (_, links) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");
        var (_, newco) = await Send(api, HttpMethod.Get, $"/api/contacts/{created}/companies", "");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("Zeta", await CompanyField(api, contact));
        var link = Assert.Single(links["companies"]!.AsArray())!;
        Assert.Equal(zeta.ToString(), (string)link["company_id"]!);
        Assert.Equal("1", (string)link["is_primary"]!);
        Assert.Equal([contact], await Resources.ResourceCalls.Search(api, "company:zeta"));
        Assert.Equal("Newco", (string)Assert.Single(newco["companies"]!.AsArray())!["companyname"]!);
        Assert.Equal("Newco", await CompanyField(api, created));
    }

    [Fact]
    public async Task A_put_leaving_the_company_out_and_a_blank_company_keep_the_links_and_the_primary_name()
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"email":"jo@example.com","company":"Acme"}""");

        var (put, _) = await Send(api, HttpMethod.Put, $"/api/contacts/{contact}/edit", """{"email":"jo@example.com"}""");
        var afterPut = await CompanyField(api, contact);
        await Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", """{"company":"","overwriteWithBlank":true}""");
        var (_, links) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Acme", afterPut);
        Assert.Equal("Acme", await CompanyField(api, contact));
        Assert.Equal("Acme", (string)Assert.Single(links["companies"]!.AsArray())!["companyname"]!);
    }

    [Fact]
    public async Task Deleting_a_company_renames_the_field_only_where_it_named_that_company()
    {
        await using var api = new ApiFactory(store());
        var acme = await CompanyDeleteTests.NewCompany(api, "Acme");
        var beta = await CompanyDeleteTests.NewCompany(api, "Beta");
        var contact = await Create(api, """{"email":"jo@example.com"}""");
        var legacy = await Create(api, """{"email":"al@example.com"}""");
        await Send(api, HttpMethod.Post, $"/api/companies/{acme}/contact/{contact}/add", "");
        await Send(api, HttpMethod.Patch, $"/api/contacts/{contact}/edit", """{"company":"Zeta"}""");
        await Send(api, HttpMethod.Post, $"/api/companies/{acme}/contact/{legacy}/add", "");
        await Send(api, HttpMethod.Post, $"/api/companies/{beta}/contact/{legacy}/add", "");
        // A value an older build wrote without linking it: the grain's own write, which links nothing.
        await api.Grains.GetContact(legacy).Apply(new ContactEdit { At = DateTimeOffset.UtcNow, Fields = new Dictionary<string, string?> { ["company"] = "Text" } });

        await Send(api, HttpMethod.Delete, $"/api/companies/{acme}/delete", "");
        await Send(api, HttpMethod.Delete, $"/api/companies/{beta}/delete", "");

        Assert.Equal("Zeta", await CompanyField(api, contact));
        Assert.Equal("Text", await CompanyField(api, legacy));
    }

    [Fact]
    public async Task A_rename_shows_on_the_linked_contacts_in_answers_where_and_the_export()
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"email":"jo@example.com","company":"Acme"}""");
        var other = await Create(api, """{"email":"al@example.com","company":"Other"}""");
        var acme = await CompanyIdOf(api, contact);
        await Send(api, HttpMethod.Post, $"/api/companies/{acme}/contact/{other}/add", "");
        await Send(api, HttpMethod.Post, $"/api/companies/{await CompanyIdOf(api, other, "Other")}/contact/{other}/add", "");

        var (renamed, _) = await Send(api, HttpMethod.Patch, $"/api/companies/{acme}/edit", """{"companyname":"AcmeRenamed"}""");
        var (_, where) = await Send(api, HttpMethod.Get, "/api/contacts?where[0][col]=company&where[0][expr]=eq&where[0][val]=AcmeRenamed", "");
        var csv = await api.ApiClient().GetStringAsync($"/api/contacts/export?format=csv&search=ids:{contact}");
        var (_, links) = await Send(api, HttpMethod.Get, $"/api/contacts/{other}/companies", "");

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("AcmeRenamed", await CompanyField(api, contact));
        Assert.Equal([contact.ToString()], where["contacts"]!.AsObject().Select(c => c.Key));
        Assert.Contains("AcmeRenamed", csv);
        Assert.Equal("Other", await CompanyField(api, other));
        Assert.Contains(links["companies"]!.AsArray(), l => (string)l!["companyname"]! == "AcmeRenamed");
    }

    [Fact]
    public async Task A_rename_cut_short_after_its_write_is_finished_at_start_up()
    {
        await using var api = new ApiFactory(store());
        var contact = await Create(api, """{"email":"jo@example.com","company":"Acme"}""");
        var acme = await CompanyIdOf(api, contact);
        await api.Grains.GetGrain<ICompanyChangesGrain>(ICompanyChangesGrain.Key).Begin(CompanyChange.Rename, acme);
        await api.Grains.GetGrain<ICompanyGrain>(acme.ToString()).Write(new CompanyEdit
        {
            At = DateTimeOffset.UtcNow,
            Fields = new Dictionary<string, string?> { [CompanyNames.Alias] = "AcmeRenamed" },
        });

        await api.Services.GetRequiredService<UnfinishedCatalogChanges>().FinishAsync(CancellationToken.None);

        Assert.Equal("AcmeRenamed", await CompanyField(api, contact));
        Assert.Empty(await api.Grains.GetGrain<ICompanyChangesGrain>(ICompanyChangesGrain.Key).Unfinished(CompanyChange.Rename));
    }

    [Fact]
    public async Task An_import_links_the_company_its_company_column_names()
    {
        await using var api = new ApiFactory(store());
        await CompanyDeleteTests.NewCompany(api, "Zeta");

        await Import(api, "email,company\nann@example.com,zeta\n");

        var ann = (await ListContacts(api.ApiClient())).Single();
        Assert.Equal("Zeta", Field(ann.Value!, "company"));
        Assert.Equal([long.Parse(ann.Key)], await Resources.ResourceCalls.Search(api, "company:zeta"));
    }

    [Fact]
    public async Task A_merge_makes_primary_the_company_the_merged_field_names()
    {
        await using var api = new ApiFactory(store());
        var winner = await Create(api, """{"email":"win@example.com","company":"Older"}""");
        var loser = await Create(api, """{"email":"lose@example.com","company":"Newer"}""");

        var (merged, _) = await Send(api, HttpMethod.Post, $"/api/contacts/{winner}/merge/{loser}", "");
        var contact = (await api.Grains.GetContact(winner).Get())!;

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal("Newer", contact.Fields["company"]);
        Assert.Equal("Newer", contact.Companies.Single(link => link.IsPrimary).CompanyName);
        Assert.Equal(2, contact.Companies.Count);
    }

    private static async Task<long> CompanyIdOf(ApiFactory api, long contact, string? name = null)
    {
        var (_, links) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");
        return long.Parse((string)links["companies"]!.AsArray().First(l => name is null || (string)l!["companyname"]! == name)!["company_id"]!);
    }

    private static Task<string?> CompanyField(ApiFactory api, long contact) => CompanyTests.CompanyField(api, contact);
}

public sealed class SqliteContactCompanyFieldTests() : ContactCompanyFieldTests(TestStore.Sqlite);

public sealed class PostgreSqlContactCompanyFieldTests() : ContactCompanyFieldTests(TestStore.PostgreSql);
