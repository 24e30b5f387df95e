namespace Actors.Api.Http;

/// <summary>
/// The headers every answer gets unless it chose its own, set in one callback as the headers go out (the exception
/// handler clears the headers set before it):
/// <list type="bullet">
/// <item><c>X-Content-Type-Options: nosniff</c> on every answer, /api, tracking, /ui and errors alike, so that no browser
/// reads an answer as another type than it says: a JSON error echoing a value, or a contact's field shown back, is never
/// run as a script or styles.</item>
/// <item><c>Cache-Control: no-store</c> under /api and /ui but the UI's assets: a contact, a list or a signed-in page must
/// not be kept in the browser's disk cache, where personal data would outlive the session, nor be shown again as it was
/// by Back. The assets keep their own revalidated caching (<see cref="Ui.UiAssets"/>), and the tracking endpoints,
/// outside these paths, keep the headers Mautic gives them. An answer that chose its own Cache-Control keeps it.</item>
/// </list>
/// </summary>
internal static class ResponseHeaderDefaults
{
    public static IApplicationBuilder UseResponseHeaderDefaults(this IApplicationBuilder app)
        => app.Use((context, next) =>
        {
            context.Response.OnStarting(Holds(context.Request.Path) ? SetWithNoStore : SetNoSniff, context.Response);
            return next(context);
        });

    private static readonly Func<object, Task> SetNoSniff = static state =>
    {
        ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
        return Task.CompletedTask;
    };

    private static readonly Func<object, Task> SetWithNoStore = static state =>
    {
        var headers = ((HttpResponse)state).Headers;
        headers.XContentTypeOptions = "nosniff";
        if (headers.CacheControl.Count == 0)
            headers.CacheControl = "no-store";
        return Task.CompletedTask;
    };

    private static bool Holds(PathString path)
        => path.StartsWithSegments("/api") || (path.StartsWithSegments("/ui") && !path.StartsWithSegments("/ui/assets"));
}
