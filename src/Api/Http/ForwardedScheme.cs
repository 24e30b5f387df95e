using Actors.Api.Tracking;

namespace Actors.Api.Http;

/// <summary>
/// The scheme the client used, behind a proxy that ends TLS. An Ingress hands every request on as plain HTTP, so the
/// UI's session and antiforgery cookies, whose Secure flag follows the request (CookieSecurePolicy.SameAsRequest, which
/// keeps them working on a plain http://localhost), would lose the flag, and one plain request would then carry them in
/// clear text. X-Forwarded-Proto is believed only from a configured proxy (<c>Tracking:TrustedProxies</c>), as
/// X-Forwarded-For is, and only the value the nearest proxy appended; anyone else's is ignored.
/// </summary>
internal static class ForwardedScheme
{
    public static IApplicationBuilder UseForwardedScheme(this IApplicationBuilder app)
    {
        var addresses = app.ApplicationServices.GetRequiredService<ClientAddressPolicy>();
        return app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.Headers["X-Forwarded-Proto"].LastOrDefault() is { } forwarded
                && addresses.IsTrustedProxy(context.Connection.RemoteIpAddress)
                && NearestHop(forwarded) is { } scheme)
                request.Scheme = scheme;
            return next(context);
        });
    }

    /// <summary>The last entry of a comma list, the one the nearest proxy appended, when it names http or https.</summary>
    private static string? NearestHop(string forwarded)
    {
        var last = forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim();
        return last.Equals("https", StringComparison.OrdinalIgnoreCase) ? "https"
            : last.Equals("http", StringComparison.OrdinalIgnoreCase) ? "http"
            : null;
    }
}
