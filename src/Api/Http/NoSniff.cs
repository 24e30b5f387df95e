namespace Actors.Api.Http;

/// <summary>
/// <c>X-Content-Type-Options: nosniff</c> on every answer, /api, tracking, /ui and errors alike, so that no browser reads
/// an answer as another type than it says: a JSON error echoing a value, or a contact's field shown back, is never run
/// as a script or styles. Set as the headers go out, since the exception handler clears the headers set before it.
/// </summary>
internal static class NoSniff
{
    public static IApplicationBuilder UseNoSniff(this IApplicationBuilder app)
        => app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
