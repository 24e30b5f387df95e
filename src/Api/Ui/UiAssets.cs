using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Ui;

/// <summary>
/// The client app's files (ES modules, one stylesheet and the icon) embedded in this assembly under "ui/", served by the app
/// itself because the machines it runs on reach no CDN. Each answer carries an ETag, so a reload costs a 304.
/// </summary>
internal static class UiAssets
{
    private const string Prefix = "ui/";

    private static readonly Lazy<FrozenDictionary<string, (byte[] Body, string ETag)>> Files = new(Load);

    public static IResult Serve(string file, HttpContext context)
    {
        if (!Files.Value.TryGetValue(file, out var asset))
            return Results.NotFound();
        context.Response.Headers.ETag = asset.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Tag == asset.ETag))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Body, ContentType(file));
    }

    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(UiAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var body = copy.ToArray();
            files[name[Prefix.Length..]] = (body, $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
        }
        return files.ToFrozenDictionary();
    }
}
