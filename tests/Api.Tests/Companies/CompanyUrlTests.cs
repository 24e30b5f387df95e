using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Contacts.ContactWriteTests;

namespace Actors.Api.Tests.Companies;

/// <summary>
/// A company's url field takes what a contact's does: an http(s) address, http:// added where none is named. A
/// javascript:, data: or vbscript: value, which a client showing the field as a link would run, is a 400 from the API
/// (javascript:1 too, which reads as a host and port) and is left out of a tracking hit, which still counts.
/// </summary>
public abstract class CompanyUrlTests(Func<TestStore> store)
{
    [Theory]
    [InlineData("POST", "/api/companies/new")]
    [InlineData("PATCH", "/api/companies/{id}/edit")]
    [InlineData("PUT", "/api/companies/{id}/edit")]
    public async Task A_url_that_is_no_web_address_answers_400_and_changes_nothing(string method, string url)
    {
        await using var api = new ApiFactory(store());
        var (_, created) = await Send(api, HttpMethod.Post, "/api/companies/new", """{"companyname":"Val1","companywebsite":"https://val1.example"}""");
        var id = (long)created["company"]!["id"]!;

        var (response, body) = await Send(api, new HttpMethod(method), url.Replace("{id}", $"{id}"), """{"companyname":"Val1","companywebsite":"javascript:alert(1)"}""");
        var (_, company) = await Send(api, HttpMethod.Get, $"/api/companies/{id}", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("companywebsite: must be a web address", (string)body["errors"]![0]!["message"]!);
        Assert.Equal("https://val1.example", (string)company["company"]!["fields"]!["all"]!["companywebsite"]!);
    }

    [Theory]
    [InlineData("javascript:1")]
    [InlineData(" VBScript:443 ")]
    [InlineData("data:80")]
    public async Task A_script_scheme_that_reads_as_host_and_port_answers_400(string website)
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/companies/new", $$"""{"companyname":"Val3","companywebsite":"{{website}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("companywebsite: must be a web address", (string)body["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task A_url_without_a_scheme_is_stored_as_an_http_address()
    {
        await using var api = new ApiFactory(store());

        var (response, body) = await Send(api, HttpMethod.Post, "/api/companies/new", """{"companyname":"Val2","companywebsite":"www.val2.example"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("http://www.val2.example", (string)body["company"]!["fields"]!["all"]!["companywebsite"]!);
    }

    [Fact]
    public async Task A_tracking_hit_leaves_out_a_company_url_that_is_no_web_address_and_still_counts()
    {
        await using var api = new ApiFactory(store());
        var (_, created) = await Send(api, HttpMethod.Post, "/api/companies/new", """{"companyname":"Val5","companywebsite":"https://val5.example"}""");
        var id = (long)created["company"]!["id"]!;
        var visitor = api.Visitor();
        visitor.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", CompanyTests.Browser);

        var pixel = await visitor.GetAsync("/mtracking.gif?page_url=http%3A%2F%2Fex.com%2Fd&company=val5&companycity=Oslo&companywebsite=javascript%3Aalert(document.cookie)");
        var (_, company) = await Send(api, HttpMethod.Get, $"/api/companies/{id}", "");
        var (_, linked) = await Send(api, HttpMethod.Get, $"/api/contacts?search=company_id:{id}", "");

        Assert.Equal(HttpStatusCode.OK, pixel.StatusCode);
        Assert.Equal("image/gif", pixel.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://val5.example", (string)company["company"]!["fields"]!["all"]!["companywebsite"]!);
        Assert.Equal("Oslo", (string)company["company"]!["fields"]!["all"]!["companycity"]!);
        Assert.Equal("1", (string)linked["total"]!);
    }
}

public sealed class SqliteCompanyUrlTests() : CompanyUrlTests(TestStore.Sqlite);

public sealed class PostgreSqlCompanyUrlTests() : CompanyUrlTests(TestStore.PostgreSql);
