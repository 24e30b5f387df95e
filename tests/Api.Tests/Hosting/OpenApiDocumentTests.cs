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
}
