using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Contacts.ContactWriteTests;
using static Actors.Api.Tests.Imports.ImportRequests;

namespace Actors.Api.Tests.Cluster;

/// <summary>
/// The Api as a cluster client serves every endpoint the embedded Api serves: the endpoints that read the database
/// directly (imports, the contact list and export, the record tables, the event log) find their services without a
/// silo in the process.
/// </summary>
public abstract partial class ClusterClientEndpointTests(Func<TestStore> store)
{
    [Fact]
    public async Task The_api_as_a_cluster_client_imports_an_uploaded_file_and_lists_and_exports_its_contacts()
    {
        await using var deployment = await ClusterDeployment.StartAsync(store(), silos: 2);

        var import = await Import(deployment.Api, "email,firstname\nclient-import1@example.com,Ann\nclient-import2@example.com,Bob\n");
        var listed = await ListContacts(deployment.Api.ApiClient(), "client-import");
        using var export = await deployment.Api.ApiClient().GetAsync("/api/contacts/export?format=csv&search=client-import");

        Assert.Equal("imported", (string?)import["status"]);
        Assert.Equal(new string?[] { "Ann", "Bob" }, listed.Select(c => Field(c.Value!, "firstname")).Order());
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
    }

    [Fact]
    public async Task The_api_as_a_cluster_client_lists_companies_notes_and_the_notes_of_a_contact()
    {
        await using var deployment = await ClusterDeployment.StartAsync(store(), silos: 2);
        var api = deployment.Api;
        var contact = await Create(api, """{"email":"client-notes@example.com"}""");
        var (company, _) = await Send(api, HttpMethod.Post, "/api/companies/new", """{"companyname":"Client Mode Ltd"}""");
        var (note, _) = await Send(api, HttpMethod.Post, "/api/notes/new", $$"""{"lead":{{contact}},"text":"Called from the client","type":"call"}""");

        var companies = await GetJson(api, "/api/companies");
        var notes = await GetJson(api, "/api/notes");
        var ofContact = await GetJson(api, $"/api/contacts/{contact}/notes");

        Assert.Equal(HttpStatusCode.Created, company.StatusCode);
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal(1, (int)companies["total"]!);
        Assert.Equal(1, (int)notes["total"]!);
        Assert.Equal("Called from the client", (string?)ofContact["notes"]![0]!["text"]);
    }

    [Fact]
    public async Task Every_service_an_endpoint_handler_of_the_embedded_api_takes_resolves_in_the_api_as_a_cluster_client()
    {
        await using var deployment = await ClusterDeployment.StartAsync(store(), silos: 2);
        await using var embedded = new ApiFactory(store());
        var embeddedServices = embedded.Services.GetRequiredService<IServiceProviderIsKeyedService>();
        var clientServices = deployment.Api.Services.GetRequiredService<IServiceProviderIsKeyedService>();
        using var request = deployment.Api.Services.CreateScope();

        var parameters = (
            from endpoint in embedded.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            let handler = endpoint.Metadata.GetMetadata<MethodInfo>()
            where handler is not null
            from parameter in handler.GetParameters()
            select (Route: endpoint.DisplayName, Parameter: parameter, Key: parameter.GetCustomAttribute<FromKeyedServicesAttribute>()?.Key)).ToList();
        var services = parameters.Where(p => p.Key is null
            ? embeddedServices.IsService(p.Parameter.ParameterType)
            : embeddedServices.IsKeyedService(p.Parameter.ParameterType, p.Key)).ToList();

        Assert.Contains(services, p => p.Route!.Contains("/api/contacts/import") && p.Parameter.ParameterType.Name == "IImportFileStore");
        Assert.All(services, p =>
        {
            var type = p.Parameter.ParameterType;
            Assert.True(p.Key is null ? clientServices.IsService(type) : clientServices.IsKeyedService(type, p.Key),
                $"{p.Route}: the cluster client has no {type.Name} for {p.Parameter.Name}, so the endpoint would read it from the request body.");
            Assert.NotNull(p.Key is null ? request.ServiceProvider.GetRequiredService(type) : request.ServiceProvider.GetRequiredKeyedService(type, p.Key));
        });
    }

    [Fact]
    public async Task Every_get_endpoint_of_the_api_as_a_cluster_client_answers_without_a_server_error()
    {
        await using var deployment = await ClusterDeployment.StartAsync(store(), silos: 2);
        var api = deployment.Api;
        var contact = await Create(api, """{"email":"client-gets@example.com"}""");
        var routeValues = new Dictionary<string, string>
        {
            ["id"] = contact.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["alias"] = "email",
            ["file"] = "app.js",
            ["page"] = "contacts",
            ["documentName"] = "v1",
        };
        // /api signs in with Basic authentication; the UI's pages and /ui/api answer a signed-in session.
        var operatorApi = api.ApiClient();
        var browser = Ui.UiSessionTests.Browser(api);
        await Ui.UiSessionTests.SignInAsync(browser);

        var paths = (
            from endpoint in api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // Endpoints without methods (the health probes) answer GET too.
            where endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") != false
            let path = RouteParameter().Replace(endpoint.RoutePattern.RawText!, name => routeValues[name.Groups[1].Value])
            // A group's own route ("/api/notes" + "") reads "/api/notes/"; the clients ask without the slash.
            select path.Length > 1 ? path.TrimEnd('/') : path).Distinct().ToList();
        var failures = new List<string>();
        foreach (var path in paths)
        {
            using var answer = await (path.StartsWith("/api", StringComparison.Ordinal) ? operatorApi : browser).GetAsync(path);
            if ((int)answer.StatusCode >= 500 || answer.StatusCode == HttpStatusCode.UnsupportedMediaType)
                failures.Add($"GET {path} -> {(int)answer.StatusCode} {(await answer.Content.ReadAsStringAsync()).Split('\n')[0]}");
        }

        Assert.Contains("/api/notes", paths);
        Assert.Contains("/readyz", paths);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<JsonNode> GetJson(ApiFactory api, string path)
    {
        using var answer = await api.ApiClient().GetAsync(path);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"GET {path} -> {(int)answer.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>A route parameter of a pattern, catch-all or not, with its name in the first group.</summary>
    [GeneratedRegex(@"\{\*{0,2}(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}

public sealed class SqliteClusterClientEndpointTests() : ClusterClientEndpointTests(TestStore.Sqlite);

public sealed class PostgreSqlClusterClientEndpointTests() : ClusterClientEndpointTests(TestStore.PostgreSql);
