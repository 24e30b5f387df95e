using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Imports.ImportRequests;
using ContactWrites = Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Imports;

/// <summary>
/// The company an import row names, as Mautic's one-row-at-a-time import leaves it (MAUTIC-SPEC 4.1): company fields
/// are import targets, a companyname column names the row's company (else the company column), and rows naming one
/// company differently meet it in file order.
/// </summary>
public abstract class ImportCompanyTests(Func<TestStore> store)
{
    [Fact]
    public async Task The_first_row_naming_a_new_company_spells_its_name_whatever_runs_first()
    {
        await using var api = new ApiFactory(store());

        // The first row naming the company waits behind the row before it (one email, one lane); the rows after it
        // in other spellings would otherwise run at once and create the company first.
        var import = await Import(api, "email,company\nfirst@example.com,\nfirst@example.com,Race1Co\nsecond@example.com,race1co\nthird@example.com,RACE1CO\n");

        Assert.Equal(3, (int)import["insertedCount"]!);
        Assert.Equal(1, (int)import["updatedCount"]!);
        var companies = await Companies(api);
        Assert.Equal("Race1Co", (string)Assert.Single(companies)["companyname"]!);
        foreach (var contact in (await ListContacts(api.ApiClient())).Select(c => c.Value!))
            Assert.Equal("Race1Co", Field(contact, "company"));
    }

    [Fact]
    public async Task Company_columns_create_and_update_the_rows_company_in_file_order()
    {
        await using var api = new ApiFactory(store());

        var import = await Import(api,
            "email,company,companycity,companyemail,companynumber_of_employees\n" +
            "ann@example.com,Acme,Oslo,info@acme.example,42\n" +
            "bob@example.com,ACME,NULL,,\n" +
            "bad@example.com,Acme,Rome,not-an-email,\n" +
            "cat@example.com,,Paris,,\n");

        Assert.Equal(3, (int)import["insertedCount"]!);
        Assert.Equal(1, (int)import["ignoredCount"]!);
        var problems = import["failedLines"]!.AsArray();
        Assert.Contains(problems, p => (long)p!["line"]! == 4 && (bool)p["rowIgnored"]! && (string)p["message"]! == "companyemail: must be a valid email.");
        Assert.Contains(problems, p => (long)p!["line"]! == 5 && !(bool)p["rowIgnored"]! && ((string)p["message"]!).StartsWith("companycity: the row names no company", StringComparison.Ordinal));
        var acme = Assert.Single(await Companies(api));
        Assert.Equal("Acme", (string)acme["companyname"]!);
        // The second row's NULL cleared the city, its empty email cell left the email; the refused row changed nothing.
        Assert.Null(acme["companycity"]);
        Assert.Equal("info@acme.example", (string)acme["companyemail"]!);
        Assert.Equal(42, (int)acme["companynumber_of_employees"]!);
        var contacts = (await ListContacts(api.ApiClient())).Select(c => c.Value!).ToArray();
        Assert.Equal(new[] { "Acme", "Acme", null }, contacts.OrderBy(c => Field(c, "email")).Select(c => Field(c, "company")));
    }

    [Fact]
    public async Task A_companyname_column_names_the_company_whether_mapped_or_matched_by_its_header()
    {
        await using var api = new ApiFactory(store());
        var dan = await ContactWrites.Create(api, """{"email":"dan@example.com","company":"Initech"}""");

        var matched = await Import(api, "email,Company Name,city\ncat@example.com,Globex,Rome\n");
        var mapped = await Import(api, "Mail,Firm,Employer\ndan@example.com,Umbrella,Ignored\n",
            ("mapping", """{"Mail":"email","Firm":"companyname","Employer":"company"}"""));

        Assert.Equal("companyname", (string)matched["properties"]!["fields"]!["Company Name"]!);
        Assert.Equal(1, (int)mapped["updatedCount"]!);
        var companies = await Companies(api);
        // Mautic's import copies no contact city to the company: only company columns fill it.
        Assert.Null(companies.Single(c => (string)c["companyname"]! == "Globex")["companycity"]);
        var contacts = await ListContacts(api.ApiClient());
        Assert.Equal("Globex", Field(contacts.Single(c => Field(c.Value!, "email") == "cat@example.com").Value!, "company"));
        // A companyname column wins over the company column, as Mautic's extractCompanyDataFromImport makes it.
        Assert.Equal("Umbrella", Field(contacts[dan.ToString()]!, "company"));
        Assert.DoesNotContain(companies, c => (string)c["companyname"]! == "Ignored");
    }

    [Fact]
    public async Task With_skipIfExists_a_contact_naming_a_company_keeps_it_and_the_rows_company_is_left_alone()
    {
        await using var api = new ApiFactory(store());
        var dan = await ContactWrites.Create(api, """{"email":"dan@example.com","company":"Initech"}""");

        await Import(api, "email,company,companycity\ndan@example.com,Initech,Austin\ndan@example.com,Umbrella,Raccoon City\neve@example.com,Initech,Dallas\n",
            ("skipIfExists", "true"));

        var companies = await Companies(api);
        // Neither the kept company nor the one the skipped cell names is touched; a new contact's row still applies.
        Assert.Equal(["Initech"], companies.Select(c => (string)c["companyname"]!));
        Assert.Equal("Dallas", (string)companies[0]["companycity"]!);
        Assert.Equal("Initech", Field((await ListContacts(api.ApiClient()))[dan.ToString()]!, "company"));
    }

    private static async Task<JsonNode[]> Companies(ApiFactory api)
    {
        var (_, list) = await ContactWrites.Send(api, HttpMethod.Get, "/api/companies", "");
        return [.. list["companies"]!.AsObject().Select(c => c.Value!["fields"]!["all"]!)];
    }
}

public sealed class SqliteImportCompanyTests() : ImportCompanyTests(TestStore.Sqlite);

public sealed class PostgreSqlImportCompanyTests() : ImportCompanyTests(TestStore.PostgreSql);
