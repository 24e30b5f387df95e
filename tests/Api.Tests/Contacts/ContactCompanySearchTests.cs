using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Contacts.ContactWriteTests;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// The search commands over a contact's relations (MAUTIC-SPEC 3.5): company: matches the names of its linked
/// companies, company_id: their ids, common: segments all of which it is in, import_id: the imports that wrote it. No
/// command widens a search to every contact: one Mautic does not know is one strict word, as Mautic reads it, and one
/// this service keeps no records for is a 400 naming it.
/// </summary>
public abstract class ContactCompanySearchTests(Func<TestStore> store)
{
    [Fact]
    public async Task Company_finds_contacts_by_the_name_of_any_linked_company_and_company_id_by_its_id()
    {
        await using var api = new ApiFactory(store());
        var secondary = await Create(api, """{"email":"second@example.com"}""");
        var primary = await Create(api, """{"email":"first@example.com"}""");
        var unlinked = await Create(api, """{"email":"text@example.com","firstname":"Acme"}""");
        var acme = await NewCompany(api, "Acme");
        var other = await NewCompany(api, "Other");
        await Send(api, HttpMethod.Post, $"/api/companies/{acme}/contact/{secondary}/add", "");
        await Send(api, HttpMethod.Post, $"/api/companies/{other}/contact/{secondary}/add", "");
        await Send(api, HttpMethod.Post, $"/api/companies/{acme}/contact/{primary}/add", "");

        var byName = await Search(api, "company:acme");
        var byId = await Search(api, $"company_id:{acme}");
        var csv = await api.ApiClient().GetStringAsync($"/api/contacts/export?format=csv&search=company_id:{acme}");
        await Send(api, HttpMethod.Patch, $"/api/companies/{acme}/edit", """{"companyname":"Renamed"}""");
        var renamed = await Search(api, "company:renamed");

        Assert.Equal([secondary, primary], byName);
        Assert.Equal([secondary, primary], byId);
        Assert.Equal(3, csv.Trim().Split('\n').Length);
        Assert.DoesNotContain("text@example.com", csv);
        Assert.Equal([secondary, primary], renamed);
        Assert.Empty(await Search(api, "company_id:999"));
        Assert.Equal([unlinked], await Search(api, "!company:renamed"));
    }

    [Fact]
    public async Task Common_finds_the_contacts_in_every_segment_named()
    {
        await using var api = new ApiFactory(store());
        var both = await Create(api, """{"email":"both@example.com"}""");
        var one = await Create(api, """{"email":"one@example.com"}""");
        await Create(api, """{"email":"none@example.com"}""");
        var (_, a) = await Send(api, HttpMethod.Post, "/api/segments/new", """{"name":"Seg A","alias":"seg-a"}""");
        var (_, b) = await Send(api, HttpMethod.Post, "/api/segments/new", """{"name":"Seg B","alias":"seg-b"}""");
        await Send(api, HttpMethod.Post, $"/api/segments/{a["list"]!["id"]}/contact/{both}/add", "");
        await Send(api, HttpMethod.Post, $"/api/segments/{b["list"]!["id"]}/contact/{both}/add", "");
        await Send(api, HttpMethod.Post, $"/api/segments/{a["list"]!["id"]}/contact/{one}/add", "");

        Assert.Equal([both], await Search(api, "common:seg-a+seg-b"));
        Assert.Equal([both, one], await Search(api, "common:seg-a"));
        Assert.Empty(await Search(api, "common:seg-a+nowhere"));
    }

    [Fact]
    public async Task Import_id_finds_the_contacts_an_import_wrote()
    {
        await using var api = new ApiFactory(store());
        var before = await Create(api, """{"email":"before@example.com"}""");
        var import = await Import(api, "email,firstname\nperson0@example.com,Person\nbefore@example.com,Again\n");
        await Create(api, """{"email":"after@example.com"}""");

        var found = await Search(api, $"import_id:{import["id"]}");

        Assert.Equal(2, found.Length);
        Assert.Contains(before, found);
        Assert.Empty(await Search(api, "import_id:0123456789abcdef0123456789abcdef"));
    }

    [Theory]
    [InlineData("foo:bar", true)]
    [InlineData("!foo:bar", true)]
    [InlineData("is:nothing", false)]
    public async Task An_unknown_command_is_one_strict_word_and_never_widens_the_search(string search, bool findsTheWord)
    {
        await using var api = new ApiFactory(store());
        await Create(api, """{"email":"plain@example.com","firstname":"foo:barn"}""");
        var word = await Create(api, """{"email":"word@example.com","firstname":"Foo:Bar"}""");

        Assert.Equal(findsTheWord ? [word] : [], await Search(api, search));
    }

    [Theory]
    [InlineData("email_sent:1")]
    [InlineData("page_id:3")]
    [InlineData("import_action:inserted")]
    public async Task A_command_over_records_this_service_does_not_keep_answers_400_naming_it(string search)
    {
        await using var api = new ApiFactory(store());
        await Create(api, """{"email":"plain@example.com"}""");

        var (list, body) = await Send(api, HttpMethod.Get, "/api/contacts?search=" + Uri.EscapeDataString(search), "");
        var export = await api.ApiClient().GetAsync("/api/contacts/export?format=csv&search=" + Uri.EscapeDataString(search));

        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Contains(search[..search.IndexOf(':')] + ":", (string)body["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
    }

    private static Task<long[]> Search(ApiFactory api, string search) => Resources.ResourceCalls.Search(api, search);

    private static Task<long> NewCompany(ApiFactory api, string name) => Companies.CompanyDeleteTests.NewCompany(api, name);
}

public sealed class SqliteContactCompanySearchTests() : ContactCompanySearchTests(TestStore.Sqlite);

public sealed class PostgreSqlContactCompanySearchTests() : ContactCompanySearchTests(TestStore.PostgreSql);
