using Actors.Api.Errors;
using Actors.Runtime;

namespace Actors.Api.Ui;

/// <summary>
/// The last line of the UI's endpoints: an exception becomes a plain page or the API's error body, logged here with
/// its stack, so no screen ever shows one. A grain whose silo has just died cannot answer until membership moves it
/// (seconds): that is 503, try again, which the dashboard's next poll does, not a server error.
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
        catch (SiloUnavailableException unavailable) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var request = context.HttpContext.Request;
            LogSiloUnavailable(logger, request.Method, request.Path, unavailable.Message);
            return Answer(request, StatusCodes.Status503ServiceUnavailable, "The cluster is recovering", TryAgainFilter.SiloUnavailableMessage);
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

    [LoggerMessage(31, LogLevel.Warning, "Operator UI request {Method} {Path} found a silo unavailable: {Reason}")]
    private static partial void LogSiloUnavailable(ILogger logger, string method, string path, string reason);
}
