using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Contacts;

/// <summary>
/// A NUL in a query string is a 400 on every /api endpoint and on both stores: PostgreSQL refused it inside the SQL of
/// searches, <c>where</c> and timeline filters (a 500, and an export that looked empty), where SQLite answered.
/// </summary>
public abstract class NulInQueryTests(Func<TestStore> store)
{
    [Theory]
    [InlineData("/api/contacts?search=a%00b")]
    [InlineData("/api/contacts?search=email:a%00b")]
    [InlineData("/api/contacts?where[0][col]=email&where[0][expr]=eq&where[0][val]=a%00")]
    [InlineData("/api/contacts/export?format=csv&search=tag:a%00b")]
    [InlineData("/api/companies?search=a%00b")]
    [InlineData("/api/tags?search=a%00b")]
    [InlineData("/api/notes?search=a%00b")]
    [InlineData("/api/contacts/activity?filters[search]=a%00b")]
    public async Task A_nul_in_the_query_string_is_400_in_the_api_error_format(string url)
    {
        await using var api = new ApiFactory(store());

        var response = await api.ApiClient().GetAsync(url);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The query string must not hold a NUL character (%00).", (string)body["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task An_escaped_percent_before_two_zeros_is_text_not_a_nul()
    {
        await using var api = new ApiFactory(store());

        var response = await api.ApiClient().GetAsync("/api/contacts?search=a%2500b");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class SqliteNulInQueryTests() : NulInQueryTests(TestStore.Sqlite);

public sealed class PostgreSqlNulInQueryTests() : NulInQueryTests(TestStore.PostgreSql);
