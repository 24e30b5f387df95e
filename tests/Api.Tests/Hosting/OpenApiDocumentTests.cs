using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Hosting;

public class OpenApiDocumentTests
{
    [Fact]
    public async Task The_openapi_document_describes_the_api_and_leaves_out_the_tracking_protocol()
    {
        await using var api = new ApiFactory();

        var response = await api.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["paths"]!.AsObject();
        Assert.Contains("/api/contacts/{id}", paths.Select(p => p.Key));
        Assert.Contains("/api/users", paths.Select(p => p.Key));
        foreach (var path in new[]
        {
            "/api/companies", "/api/companies/{id}/edit", "/api/companies/{companyId}/contact/{contactId}/add", "/api/contacts/{id}/companies",
            "/api/campaigns", "/api/campaigns/{id}/contact/{contactId}/remove", "/api/contacts/{id}/campaigns",
            "/api/notes", "/api/notes/new", "/api/contacts/{id}/notes", "/api/contacts/{id}/devices", "/api/contacts/activity",
        })
            Assert.Contains(path, paths.Select(p => p.Key));
        Assert.DoesNotContain("/mtracking.gif", paths.Select(p => p.Key));
    }

    [Theory]
    [InlineData("/api/fields/contact", "/api/fields/contact/{id}/edit", "/api/contacts/list/fields")]
    [InlineData("/api/segments", "/api/segments/{id}/contact/{contactId}/add", "/api/segments/{id}/contacts/add")]
    [InlineData("/api/stages/{id}/delete", "/api/stages/{id}/contact/{contactId}/remove", "/api/contacts/{id}/segments")]
    [InlineData("/api/tags/new", "/api/categories/{id}", "/api/contacts/list/owners")]
    public async Task The_openapi_document_lists_the_resource_routes(string first, string second, string third)
    {
        await using var api = new ApiFactory();

        var document = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Contains(first, paths);
        Assert.Contains(second, paths);
        Assert.Contains(third, paths);
    }
}
