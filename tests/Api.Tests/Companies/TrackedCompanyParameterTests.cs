using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Companies.CompanyTests;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Companies;

/// <summary>
/// Which company a hit names and what a new one takes from it, as Mautic's IdentifyCompanyHelper reads the query
/// (MAUTIC-SPEC 1.7): <c>company</c>, when sent, replaces <c>companyname</c>; the contact's city, state and country
/// stand for the company* values the hit leaves out, for a company the hit creates.
/// </summary>
public abstract class TrackedCompanyParameterTests(Func<TestStore> store)
{
    [Fact]
    public async Task Company_wins_over_companyname_and_a_blank_companyname_leaves_it_naming_the_company()
    {
        await using var api = new ApiFactory(store());

        var both = await Track(api, new() { ["page_url"] = "https://shop.example/", ["company"] = "Alpha", ["companyname"] = "Beta" });
        var blankName = await Track(api, new() { ["page_url"] = "https://shop.example/", ["company"] = "Gamma", ["companyname"] = "" });
        var blankCompany = await Track(api, new() { ["page_url"] = "https://shop.example/", ["company"] = "", ["companyname"] = "Delta" });
        var nameOnly = await Track(api, new() { ["page_url"] = "https://shop.example/", ["companyname"] = "Epsilon" });

        Assert.Equal(["Alpha"], await LinkedNames(api, both));
        Assert.Equal(["Gamma"], await LinkedNames(api, blankName));
        // A company sent empty replaces companyname with nothing, which names no company, as in Mautic.
        Assert.Empty(await LinkedNames(api, blankCompany));
        Assert.Equal(["Epsilon"], await LinkedNames(api, nameOnly));
        var (_, list) = await Send(api, HttpMethod.Get, "/api/companies", "");
        Assert.Equal(["Alpha", "Epsilon", "Gamma"], list["companies"]!.AsObject().Select(c => (string)c.Value!["fields"]!["all"]!["companyname"]!).Order());
    }

    [Fact]
    public async Task A_new_company_takes_the_contacts_city_state_and_country_where_the_hit_sends_no_company_value_of_them()
    {
        await using var api = new ApiFactory(store());

        await Track(api, new()
        {
            ["page_url"] = "https://shop.example/", ["company"] = "CityCo",
            ["city"] = "Bergen", ["state"] = "Vestland", ["country"] = "Norway", ["companycountry"] = "Sweden",
        });
        var created = await CompanyNamed(api, "CityCo");
        await Track(api, new() { ["page_url"] = "https://shop.example/", ["company"] = "cityco", ["city"] = "Oslo", ["companystate"] = "Viken" });
        var found = await CompanyNamed(api, "CityCo");

        Assert.Equal("Bergen", (string?)created["companycity"]);
        Assert.Equal("Vestland", (string?)created["companystate"]);
        // A companycountry sent is the company's; the contact's country stands only for one not sent.
        Assert.Equal("Sweden", (string?)created["companycountry"]);
        // A company found is updated from the company values sent, never from the contact's.
        Assert.Equal("Bergen", (string?)found["companycity"]);
        Assert.Equal("Viken", (string?)found["companystate"]);
    }

    private static async Task<JsonNode> CompanyNamed(ApiFactory api, string name)
    {
        var (_, list) = await Send(api, HttpMethod.Get, $"/api/companies?search={name}", "");
        return Assert.Single(list["companies"]!.AsObject()).Value!["fields"]!["all"]!;
    }

    private static async Task<string[]> LinkedNames(ApiFactory api, long contact)
    {
        var (_, links) = await Send(api, HttpMethod.Get, $"/api/contacts/{contact}/companies", "");
        var names = new List<string>();
        foreach (var link in links["companies"]!.AsArray())
        {
            var (_, company) = await Send(api, HttpMethod.Get, $"/api/companies/{(string)link!["company_id"]!}", "");
            names.Add((string)company["company"]!["fields"]!["all"]!["companyname"]!);
        }
        return [.. names.Order(StringComparer.Ordinal)];
    }
}

public sealed class SqliteTrackedCompanyParameterTests() : TrackedCompanyParameterTests(TestStore.Sqlite);

public sealed class PostgreSqlTrackedCompanyParameterTests() : TrackedCompanyParameterTests(TestStore.PostgreSql);
