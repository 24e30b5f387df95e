using Actors.Runtime;
using Actors.Runtime.Persistence;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Errors;

/// <summary>
/// Failures that mean "try again" (<see cref="TransientCallFailure"/>), not a server error, answered 503 with Retry-After
/// in the API's error format. A grain whose silo has just died or stopped cannot answer until membership declares it and
/// the grain moves to a survivor, and a call that met silos whose membership views still disagree never reached the
/// grain (seconds, either way). A grain call that did not answer within Messaging:ResponseTimeout (a busy grain, a slow store) has an
/// unknown outcome: the client repeats it, or reads back what it changed. It stands first on /api so that the sign-in
/// check, which reads the user's grain, is covered too.
/// </summary>
internal sealed partial class TryAgainFilter(ILogger<TryAgainFilter> logger) : IEndpointFilter
{
    /// <summary>What a request that meets a just-dead or stopping silo is told, by the API and by the operator UI alike.</summary>
    public const string SiloUnavailableMessage = "A silo of the cluster has just stopped or become unreachable; try again in a few seconds.";

    /// <summary>What a request whose grain call timed out is told.</summary>
    public const string TimedOutMessage = "The service did not answer in time, so the request may or may not have taken effect; try again in a few seconds.";

    /// <summary>What a request is told when a grain's write met a record written meanwhile by another activation of it.</summary>
    public const string ConflictMessage = "A change reached the same record at the same moment, so the request may or may not have taken effect; try again in a few seconds.";

    /// <summary>Seconds a client should wait; about the membership protocol's time to declare a silo dead.</summary>
    private const int RetryAfterSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception failure) when (IsTryAgain(failure, context.HttpContext))
        {
            var http = context.HttpContext;
            LogTryAgain(logger, http.Request.Method, http.Request.Path, failure.Message);
            return ApiErrors.Problem(StatusCodes.Status503ServiceUnavailable, TryAgain(failure, http));
        }
    }

    /// <summary>Whether <paramref name="failure"/> means "try again" for a request its client still waits for.</summary>
    public static bool IsTryAgain(Exception failure, HttpContext http) =>
        TransientCallFailure.Is(failure) && !http.RequestAborted.IsCancellationRequested;

    /// <summary>Sets Retry-After on the answer and returns what the client is told (the UI shows the same words).</summary>
    public static string TryAgain(Exception failure, HttpContext http)
    {
        http.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return failure switch
        {
            TimeoutException => TimedOutMessage,
            InconsistentStateException => ConflictMessage,
            _ => SiloUnavailableMessage,
        };
    }

    [LoggerMessage(40, LogLevel.Warning, "API request {Method} {Path} answered 503, try again: {Reason}")]
    private static partial void LogTryAgain(ILogger logger, string method, string path, string reason);
}
