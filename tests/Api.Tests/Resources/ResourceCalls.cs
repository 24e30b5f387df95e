using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Resources;

/// <summary>Calls of the resource endpoints, each checking that the answer is JSON with Mautic's version header.</summary>
internal static class ResourceCalls
{
    public static async Task<(HttpStatusCode Status, JsonNode Body)> Send(ApiFactory api, HttpMethod method, string url, string? json = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await api.ApiClient().SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("5.1.0", response.Headers.GetValues("Mautic-Version").Single());
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public static async Task<JsonNode> Get(ApiFactory api, string url)
    {
        var (status, body) = await Send(api, HttpMethod.Get, url);
        Assert.True(status == HttpStatusCode.OK, $"{url}: {(int)status} {body.ToJsonString()}");
        return body;
    }

    /// <summary>POSTs a body that must be created (201) and answers the created entity under <paramref name="one"/>.</summary>
    public static async Task<JsonNode> Create(ApiFactory api, string url, string one, string json)
    {
        var (status, body) = await Send(api, HttpMethod.Post, url, json);
        Assert.True(status == HttpStatusCode.Created, $"{url}: {(int)status} {body.ToJsonString()}");
        return body[one]!;
    }

    public static async Task<long> CreateContact(ApiFactory api, string json) => (long)(await Create(api, "/api/contacts/new", "contact", json))["id"]!;

    public static async Task<long[]> Search(ApiFactory api, string search)
        => (await Get(api, "/api/contacts?search=" + Uri.EscapeDataString(search)))["contacts"]!.AsObject().Select(p => long.Parse(p.Key)).Order().ToArray();

    public static string Message(JsonNode error) => (string)error["errors"]![0]!["message"]!;
}
