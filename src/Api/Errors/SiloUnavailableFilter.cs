using Actors.Runtime;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Errors;

/// <summary>
/// A grain whose silo has just died cannot answer until membership declares the silo dead and the grain moves to a
/// survivor (seconds). An API call that meets it gets 503 with Retry-After in the API's error format: try again, not a
/// server error. It stands first on /api so that the sign-in check, which reads the user's grain, is covered too.
/// </summary>
internal sealed partial class SiloUnavailableFilter(ILogger<SiloUnavailableFilter> logger) : IEndpointFilter
{
    /// <summary>What a request that meets a just-dead silo is told, by the API and by the operator UI alike.</summary>
    public const string Message = "A silo of the cluster has just become unreachable; try again in a few seconds.";

    /// <summary>Seconds a client should wait; about the membership protocol's time to declare a silo dead.</summary>
    private const int RetryAfterSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (SiloUnavailableException unavailable) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var http = context.HttpContext;
            LogSiloUnavailable(logger, http.Request.Method, http.Request.Path, unavailable.Message);
            http.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiErrors.Problem(StatusCodes.Status503ServiceUnavailable, Message);
        }
    }

    [LoggerMessage(40, LogLevel.Warning, "API request {Method} {Path} found a silo unavailable: {Reason}")]
    private static partial void LogSiloUnavailable(ILogger logger, string method, string path, string reason);
}
