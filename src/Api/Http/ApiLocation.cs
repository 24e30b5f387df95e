using Microsoft.AspNetCore.Http.Extensions;

namespace Actors.Api.Http;

/// <summary>
/// The Location header of an entity a request created, absolute as Mautic's <c>generateUrl(…, ABSOLUTE_URL)</c> makes
/// it: the scheme the client used (behind a trusted proxy that ends TLS, the one it forwards: <see cref="ForwardedScheme"/>),
/// the Host it asked for and the path base, so a client can follow it as it came. A request without a Host (HTTP/1.0)
/// gets the path alone, having named no host to point back at.
/// </summary>
internal static class ApiLocation
{
    public static string Of(HttpRequest request, string path)
        => request.Host.HasValue ? UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, path) : request.PathBase.Add(path).Value!;

    public static void Set(HttpContext http, string path) => http.Response.Headers.Location = Of(http.Request, path);
}
