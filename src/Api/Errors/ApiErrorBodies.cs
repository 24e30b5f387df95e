using Actors.Grains.Errors;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Errors;

/// <summary>
/// Gives the API's error body to an error under /api that has none: routing's 404 for a path no route takes and 405
/// for a method the route does not define (its Allow header kept), or any endpoint's bare status. Mautic answers every
/// API request's error in its format (CoreBundle's ExceptionController), and a client reading <c>errors</c> must not
/// meet an empty body. An answer with a body, or one already started, is left as it is; tracking and /ui are not /api.
/// </summary>
public static class ApiErrorBodies
{
    public static IApplicationBuilder UseApiErrorBodies(this IApplicationBuilder app)
        => app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"),
            api => api.UseStatusCodePages(pages => WriteAsync(pages.HttpContext)));

    private static Task WriteAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        return context.Response.WriteAsJsonAsync(ApiErrors.Body(status, Message(context)), context.RequestAborted);
    }

    /// <summary>Symfony's messages for the routing failures, which Mautic shows for a 404; the reason phrase otherwise.</summary>
    private static string Message(HttpContext context)
    {
        var request = context.Request;
        var target = $"{request.Method} {EchoedInput.Cap(request.PathBase + request.Path)}";
        return context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"No route found for \"{target}\".",
            StatusCodes.Status405MethodNotAllowed => $"No route found for \"{target}\": Method Not Allowed (Allow: {context.Response.Headers[HeaderNames.Allow]}).",
            var status => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : $"The request failed ({status}).",
        };
    }
}
