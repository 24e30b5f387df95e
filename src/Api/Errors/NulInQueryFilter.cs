namespace Actors.Api.Errors;

/// <summary>
/// Refuses a query string that decodes to a NUL character (<c>%00</c>) before any endpoint reads it. Searches, <c>where</c>
/// values and filters go into SQL, where PostgreSQL refuses a NUL in text (a 500) and SQLite takes it (an answer):
/// the stores would answer one request differently, and no value of this API can hold a NUL anyway.
/// </summary>
internal sealed class NulInQueryFilter : IEndpointFilter
{
    public const string Message = "The query string must not hold a NUL character (%00).";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        => context.HttpContext.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
            ? ValueTask.FromResult<object?>(ApiErrors.BadRequest(Message))
            : next(context);
}
