using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Errors;
using Actors.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Errors;

/// <summary>
/// Routing's own errors under /api carry the API's error body, as Mautic answers every API error: a path no route
/// takes is a 404, a method its route does not define a 405 that keeps its Allow header, signed in or not. Before,
/// both had an empty body. Tracking and the UI keep their own answers. Routing does not depend on the store.
/// </summary>
public sealed class RoutingErrorBodyTests(RoutingErrorBodyTests.Service service) : IClassFixture<RoutingErrorBodyTests.Service>
{
    public sealed class Service : IAsyncLifetime
    {
        public ApiFactory Api { get; } = new(TestStore.Sqlite());

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await Api.DisposeAsync();
    }

    [Theory]
    [InlineData("/api/nonexistent")]
    [InlineData("/api/contacts/1/nonexistent")]
    [InlineData("/api/contacts//1")]
    [InlineData("/api")]
    public async Task A_path_no_route_takes_is_404_in_the_api_error_format(string path)
    {
        using var response = await service.Api.ApiClient().GetAsync(path);

        var error = await ErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Equal($"No route found for \"GET {path}\".", (string)error["message"]!);
    }

    [Theory]
    [InlineData("OPTIONS", "/api/contacts", "GET", true)]
    [InlineData("TRACE", "/api/contacts/1", "GET", true)]
    [InlineData("BREW", "/api/contacts/new", "POST", true)]
    [InlineData("DELETE", "/api/contacts/new", "POST", false)]
    [InlineData("OPTIONS", "/api/users/self", "GET", false)]
    public async Task A_method_the_route_does_not_define_is_405_in_the_api_error_format_with_its_allow_header(string method, string path, string allowed, bool signedIn)
    {
        var client = signedIn ? service.Api.ApiClient() : service.Api.CreateClient();
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var error = await ErrorAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains(allowed, response.Content.Headers.Allow);
        Assert.StartsWith($"No route found for \"{method} {path}\": Method Not Allowed (Allow: ", (string)error["message"]!);
    }

    [Fact]
    public async Task An_endpoints_own_error_body_is_kept()
    {
        using var response = await service.Api.ApiClient().GetAsync("/api/contacts/999999");

        Assert.Equal("Item was not found.", (string)(await ErrorAsync(response, HttpStatusCode.NotFound))["message"]!);
    }

    [Theory]
    [InlineData("/ui/nonexistent/path.js")]
    [InlineData("/apinot")]
    public async Task Paths_outside_api_keep_their_own_answers(string path)
    {
        using var response = await service.Api.CreateClient().GetAsync(path);

        Assert.NotEqual("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_exception_no_endpoint_expected_is_a_500_in_the_api_error_format()
    {
        await using var failing = service.Api.WithWebHostBuilder(host => host.ConfigureServices(services =>
            services.AddSingleton<IStartupFilter>(new FailingAfterTheApp())));

        using var response = await failing.CreateClient().GetAsync("/api/unforeseen");

        var error = await ErrorAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal(ApiErrorBodies.ServerErrorMessage, (string)error["message"]!);
        // The exception handler clears the headers set before it; nosniff is set as the answer goes out.
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    /// <summary>Throws for every request the app's own pipeline passes on (no endpoint took it), as a bug would.</summary>
    private sealed class FailingAfterTheApp : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(_ => throw new InvalidOperationException("an unforeseen failure"));
        };
    }

    static async Task<JsonNode> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(text)!["errors"]!.AsArray().Single()!;
        Assert.Equal((int)status, (int)error["code"]!);
        Assert.Null(error["type"]);
        return error;
    }
}
