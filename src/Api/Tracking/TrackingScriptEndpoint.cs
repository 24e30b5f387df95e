using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Tracking;

/// <summary>
/// Serves the tracking script the embed snippet loads. The script is one static file embedded in this assembly
/// (it finds the tracker's address from its own src), so every response is the same bytes and can be cached.
/// </summary>
public static class TrackingScriptEndpoint
{
    public const string Path = "/mtc.js";
    public const string ContentType = "application/javascript; charset=utf-8";

    /// <summary>An hour: short enough that a new script reaches sites the same day, long enough to spare every pageview a request.</summary>
    public const string CacheControl = "public, max-age=3600";

    private static readonly Lazy<(byte[] Body, string ETag)> Script = new(Load);

    /// <summary>
    /// /mtc.js, by any method as Mautic's route takes it: 200 with the script, or 304 when the caller's If-None-Match names
    /// the current ETag.
    /// </summary>
    public static IEndpointRouteBuilder MapTrackingScript(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(Path, (HttpContext context) =>
        {
            var (body, etag) = Script.Value;
            var headers = context.Response.Headers;
            headers.ETag = etag;
            headers.CacheControl = CacheControl;
            if (context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Tag == etag || tag.Equals(EntityTagHeaderValue.Any)))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            return Results.Bytes(body, ContentType);
        });
        return endpoints;
    }

    private static (byte[] Body, string ETag) Load()
    {
        using var stream = typeof(TrackingScriptEndpoint).Assembly.GetManifestResourceStream("mtc.js")
            ?? throw new InvalidOperationException("The tracking script is not embedded in the Api assembly (EmbeddedResource mtc.js in Api.csproj).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var body = copy.ToArray();
        return (body, $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
    }
}
