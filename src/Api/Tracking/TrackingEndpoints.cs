using Microsoft.Extensions.Options;

namespace Actors.Api.Tracking;

/// <summary>
/// Mautic's website-tracking protocol: the pixel (/mtracking.gif), the script's JSON call (/mtc/event)
/// and the who-am-I call (/mtc). Requests that must not be tracked (bots, do-not-track addresses, an
/// undecodable ct or d, a form body that cannot be read) are answered normally and store nothing. A visitor
/// never sees a server error: the pixel always gets the GIF and the calls their JSON, with 503 when the hit
/// could not be stored.
/// </summary>
public static partial class TrackingEndpoints
{
    private const string LogCategory = "Actors.Api.Tracking";

    public static IServiceCollection AddTracking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrackingOptions>().Bind(configuration.GetSection(TrackingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrackingOptions>, TrackingOptionsValidator>();
        services.AddSingleton(sp => new ClientAddressPolicy(sp.GetRequiredService<IOptions<TrackingOptions>>().Value));
        services.AddSingleton<TrackingHitReader>();
        services.AddSingleton<TrackedTagBudget>();
        services.AddSingleton<TrackingCors>();
        return services;
    }

    /// <summary>The tracking routes, which take any method as Mautic's routes do (MAUTIC-SPEC 1.1); OPTIONS never reaches them (<see cref="UseCorsPreflight"/>).</summary>
    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/mtracking.gif", TrackPixelAsync).ExcludeFromDescription();
        endpoints.Map("/mtc/event", TrackEventAsync).ExcludeFromDescription();
        endpoints.Map("/mtc", IdentifyAsync).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// Answers OPTIONS on the tracking paths before any endpoint, as Mautic's CORSMiddleware does (MAUTIC-SPEC 1.9): 204,
    /// with the allow headers only for a valid origin that asks for request headers (<see cref="TrackingCors"/>). Unlike
    /// Mautic, /api is left out: a preflight answered there would let a tracked site's page send state-changing calls
    /// with a browser's cached credentials, so /api keeps answering OPTIONS 405 and browsers never send those calls.
    /// </summary>
    public static IApplicationBuilder UseCorsPreflight(this IApplicationBuilder app)
        => app.Use((context, next) => HttpMethods.IsOptions(context.Request.Method) && IsTrackingPath(context.Request.Path)
            ? context.RequestServices.GetRequiredService<TrackingCors>().AnswerPreflight(context).ExecuteAsync(context)
            : next(context));

    private static bool IsTrackingPath(PathString path)
        => path.Equals("/mtracking.gif", StringComparison.OrdinalIgnoreCase) || path.Equals("/mtc", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/mtc/event", StringComparison.OrdinalIgnoreCase) || path.Equals(TrackingScriptEndpoint.Path, StringComparison.OrdinalIgnoreCase);

    private static async Task TrackPixelAsync(HttpContext context, TrackingHitReader reader, IVisitorTracker tracker, ILoggerFactory logs)
    {
        var status = StatusCodes.Status200OK;
        try
        {
            if (reader.Screen(context.Request) is { } client && await reader.ReadAsync(context.Request, client, context.RequestAborted) is { } hit)
                TrackingCookies.Write(context.Response, await tracker.TrackAsync(hit, context.RequestAborted));
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            TrackingFailed(logs.CreateLogger(LogCategory), context.Request.Path, failure);
            status = StatusCodes.Status503ServiceUnavailable;
        }
        await TrackingPixel.WriteAsync(context.Response, status);
    }

    private static async Task<IResult> TrackEventAsync(HttpContext context, TrackingHitReader reader, IVisitorTracker tracker, TrackingCors cors, ILoggerFactory logs)
    {
        cors.ApplyTo(context);
        if (reader.Screen(context.Request) is not { } client)
            return Results.Json(new EventResponse(1, null, null, null));
        try
        {
            if (await reader.ReadAsync(context.Request, client, context.RequestAborted) is not { } hit)
                return Results.Json(new FailureResponse(0, "The request could not be decoded: its form body, ct or d parameter is malformed."));
            var visitor = await tracker.TrackAsync(hit, context.RequestAborted);
            TrackingCookies.Write(context.Response, visitor);
            return Results.Json(new EventResponse(1, visitor.ContactId, visitor.DeviceId, visitor.DeviceId));
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            TrackingFailed(logs.CreateLogger(LogCategory), context.Request.Path, failure);
            return Results.Json(new FailureResponse(0, "The hit could not be recorded; try again."), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> IdentifyAsync(HttpContext context, TrackingHitReader reader, IVisitorTracker tracker, TrackingCors cors, ILoggerFactory logs)
    {
        cors.ApplyTo(context);
        try
        {
            if (reader.Screen(context.Request) is not { } client || await reader.ReadAsync(context.Request, client, context.RequestAborted) is not { } hit)
                return Results.Json(new ContactResponse(null, null, null));
            var visitor = await tracker.IdentifyAsync(hit, context.RequestAborted);
            TrackingCookies.Write(context.Response, visitor);
            return Results.Json(new ContactResponse(visitor.ContactId, visitor.DeviceId, visitor.DeviceId));
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            TrackingFailed(logs.CreateLogger(LogCategory), context.Request.Path, failure);
            return Results.Json(new ContactResponse(null, null, null), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    [LoggerMessage(1, LogLevel.Error, "A tracking request to {Path} could not be recorded")]
    private static partial void TrackingFailed(ILogger logger, string path, Exception exception);
}
