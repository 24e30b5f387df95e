using System.Net;
using System.Net.Http.Headers;
using Actors.Api.Tests.Infrastructure;
using Actors.Api.Tracking;

namespace Actors.Api.Tests.Tracking;

public sealed class TrackingScriptEndpointTests
{
    [Fact]
    public async Task Mtc_js_is_the_embedded_script_as_cacheable_javascript_and_a_matching_etag_gets_304()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(TrackingScriptEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TrackingScriptEndpoint.ContentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(TrackingScriptEndpoint.CacheControl, response.Headers.CacheControl?.ToString());
        Assert.Contains("mauticPageEventDelivered", await response.Content.ReadAsStringAsync());
        var etag = Assert.IsType<EntityTagHeaderValue>(response.Headers.ETag);

        using var revalidation = new HttpRequestMessage(HttpMethod.Get, TrackingScriptEndpoint.Path);
        revalidation.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(revalidation);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }
}
