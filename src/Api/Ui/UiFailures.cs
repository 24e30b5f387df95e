using Actors.Api.Errors;

namespace Actors.Api.Ui;

/// <summary>
/// The last line of the UI's endpoints: an exception becomes a plain page or the API's error body, logged here with
/// its stack, so no screen ever shows one.
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
        catch (Exception exception) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var request = context.HttpContext.Request;
            LogFailed(logger, request.Method, request.Path, exception);
            return request.Path.StartsWithSegments("/ui/api")
                ? ApiErrors.Problem(StatusCodes.Status500InternalServerError, Message)
                : Results.Content(UiPages.Problem("Something went wrong", Message), "text/html; charset=utf-8", statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    [LoggerMessage(30, LogLevel.Error, "Operator UI request {Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, string method, string path, Exception exception);
}
