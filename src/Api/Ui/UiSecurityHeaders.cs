namespace Actors.Api.Ui;

/// <summary>
/// Headers on every answer under /ui. A signed-in screen framed by another page (even one of the same site, to which
/// the SameSite=Strict cookie still goes) lets that page steer the operator's clicks onto Delete or Merge, so no page
/// may frame the UI. The UI loads only its own scripts and styles and builds its screens through DOM nodes, so a policy
/// that allows nothing else costs it nothing and makes an injected script inert should escaping ever miss a value.
/// nosniff, which every answer carries, is set with the rest of the service's (<see cref="Http.ResponseHeaderDefaults"/>).
/// </summary>
internal sealed class UiSecurityHeaders : IEndpointFilter
{
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "same-origin";
        return next(context);
    }
}
