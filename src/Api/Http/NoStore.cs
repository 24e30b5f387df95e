namespace Actors.Api.Http;

/// <summary>
/// <c>Cache-Control: no-store</c> on every answer under /api and /ui but the UI's assets: a contact, a list or a signed-in
/// page must not be kept in the browser's disk cache, where personal data would outlive the session, nor be shown
/// again as it was by Back. The assets keep their own revalidated caching (<see cref="Ui.UiAssets"/>), and the tracking
/// endpoints, outside these paths, keep the headers Mautic gives them. An answer that chose its own Cache-Control
/// keeps it. Set as the headers go out, since the exception handler clears the headers set before it.
/// </summary>
internal static class NoStore
{
    public static IApplicationBuilder UseNoStore(this IApplicationBuilder app)
        => app.Use((context, next) =>
        {
            if (Holds(context.Request.Path))
            {
                context.Response.OnStarting(static state =>
                {
                    var headers = ((HttpResponse)state).Headers;
                    if (headers.CacheControl.Count == 0)
                        headers.CacheControl = "no-store";
                    return Task.CompletedTask;
                }, context.Response);
            }
            return next(context);
        });

    private static bool Holds(PathString path)
        => path.StartsWithSegments("/api") || (path.StartsWithSegments("/ui") && !path.StartsWithSegments("/ui/assets"));
}
