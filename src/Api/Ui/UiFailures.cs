using Actors.Api.Errors;
using Actors.Runtime;

namespace Actors.Api.Ui;

/// <summary>
/// The last line of the UI's endpoints: an exception becomes a plain page or the API's error body, logged here with
/// its stack, so no screen ever shows one. A grain whose silo has just died or stopped cannot answer until membership
/// moves it (seconds), and a grain call that timed out has an unknown outcome: all of <see cref="TransientCallFailure"/>
/// are 503 with Retry-After, try again (which
/// the dashboard's next poll does), as on /api (<see cref="TryAgainFilter"/>), not a server error.
/// </summary>
internal sealed partial class UiFailures(ILogger<UiFailures> logger) : IEndpointFilter
{
    public const string Message = "Something went wrong on the server; it has been logged.";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception failure) when (TryAgainFilter.IsTryAgain(failure, context.HttpContext))
        {
            var request = context.HttpContext.Request;
            LogTryAgain(logger, request.Method, request.Path, failure.Message);
            var title = failure is TimeoutException ? "The service is busy" : "The cluster is recovering";
            return Answer(request, StatusCodes.Status503ServiceUnavailable, title, TryAgainFilter.TryAgain(failure, context.HttpContext));
        }
        catch (Exception exception) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var request = context.HttpContext.Request;
            LogFailed(logger, request.Method, request.Path, exception);
            return Answer(request, StatusCodes.Status500InternalServerError, "Something went wrong", Message);
        }
    }

    private static IResult Answer(HttpRequest request, int status, string title, string message)
        => request.Path.StartsWithSegments("/ui/api")
            ? ApiErrors.Problem(status, message)
            : Results.Content(UiPages.Problem(title, message), "text/html; charset=utf-8", statusCode: status);

    [LoggerMessage(30, LogLevel.Error, "Operator UI request {Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(31, LogLevel.Warning, "Operator UI request {Method} {Path} answered 503, try again: {Reason}")]
    private static partial void LogTryAgain(ILogger logger, string method, string path, string reason);
}
