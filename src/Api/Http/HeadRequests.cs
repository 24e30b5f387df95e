using Microsoft.AspNetCore.Http.Features;

namespace Actors.Api.Http;

/// <summary>
/// HEAD answered on every GET route as that GET without its body, as Symfony (and so Mautic) answers it: the endpoint
/// runs as for GET, so the status and headers are the GET's, and what it writes is dropped. A route without GET keeps
/// its 405 and its Allow header. A streamed answer (a <c>limit=0</c> list, an export) would read every row only for it
/// to be dropped, so a HEAD's work ends once its headers are sent (<see cref="HeadResponseBody"/>).
/// </summary>
internal static class HeadRequests
{
    /// <summary>Adds HEAD to the methods of every endpoint under <paramref name="builder"/> that takes GET.</summary>
    public static TBuilder AnswerHeadAsGet<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        // Finally: after the endpoint's own conventions, so that the methods MapGet gave it are known. Routing and the
        // OpenAPI document read the last method metadata.
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
        });
        return builder;
    }

    /// <summary>Drops a HEAD's body (<see cref="HeadResponseBody"/>) and ends the work producing it once its headers are sent.</summary>
    public static IApplicationBuilder UseHeadEndingAtItsHeaders(this IApplicationBuilder app)
        => app.Use((context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
                return next(context);
            var headersSent = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            context.Response.RegisterForDispose(headersSent);
            context.RequestAborted = headersSent.Token;
            context.Features.Set<IHttpResponseBodyFeature>(new HeadResponseBody(context.Features.GetRequiredFeature<IHttpResponseBodyFeature>(), headersSent));
            return next(context);
        });

    /// <summary>Whether an API description is the HEAD twin of a GET, which the OpenAPI document leaves out.</summary>
    public static bool IsHead(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description)
        => HttpMethods.IsHead(description.HttpMethod ?? "");
}
