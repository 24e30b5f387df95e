using Actors.Grains.Errors;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Errors;

/// <summary>
/// Gives the API's error body to an error under /api that has none: routing's 404 for a path no route takes and 405
/// for a method the route does not define (its Allow header kept), or any endpoint's bare status. Mautic answers every
/// API request's error in its format (CoreBundle's ExceptionController), and a client reading <c>errors</c> must not
/// meet an empty body. An answer with a body, or one already started, is left as it is; tracking and /ui are not /api.
/// An exception that escapes an endpoint is answered the same way, as a 500.
/// </summary>
public static class ApiErrorBodies
{
    /// <summary>What a request that met an unexpected failure is told; the failure itself goes to the log.</summary>
    public const string ServerErrorMessage = "The request failed on the server; its log says why.";

    public static IApplicationBuilder UseApiErrorBodies(this IApplicationBuilder app)
        => app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api =>
        {
            // An exception no endpoint expected is logged by the handler and answered 500 in the error format, not
            // as Kestrel's empty 500.
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteAsync });
            api.UseStatusCodePages(pages => WriteAsync(pages.HttpContext));
        });

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
            StatusCodes.Status500InternalServerError => ServerErrorMessage,
            StatusCodes.Status405MethodNotAllowed => $"No route found for \"{target}\": Method Not Allowed (Allow: {context.Response.Headers[HeaderNames.Allow]}).",
            var status => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : $"The request failed ({status}).",
        };
    }
}
