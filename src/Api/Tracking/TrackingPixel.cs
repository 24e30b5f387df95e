namespace Actors.Api.Tracking;

/// <summary>The 1x1 transparent GIF of /mtracking.gif, byte for byte Mautic's, with its caching headers.</summary>
public static class TrackingPixel
{
    /// <summary>The 43-byte GIF89a Mautic serves.</summary>
    public static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAJAAAP8AAAAAACH5BAUQAAAALAAAAAABAAEAAAICBAEAOw==");

    public static async Task WriteAsync(HttpResponse response, int statusCode = StatusCodes.Status200OK)
    {
        response.StatusCode = statusCode;
        if (!HttpMethods.IsGet(response.HttpContext.Request.Method) && !HttpMethods.IsHead(response.HttpContext.Request.Method))
        {
            // Mautic answers other methods with a single space and no image headers.
            await response.WriteAsync(" ");
            return;
        }
        var headers = response.Headers;
        headers.ContentType = "image/gif";
        headers.ContentLength = Gif.Length;
        headers.CacheControl = "private, no-cache, no-cache=Set-Cookie, proxy-revalidate";
        headers.Expires = "Wed, 11 Jan 2000 12:59:00 GMT";
        headers.LastModified = "Wed, 11 Jan 2006 12:59:00 GMT";
        headers.Pragma = "no-cache";
        if (HttpMethods.IsGet(response.HttpContext.Request.Method))
            await response.Body.WriteAsync(Gif);
    }
}
