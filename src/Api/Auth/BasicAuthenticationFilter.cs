using System.Globalization;
using System.Net;
using Actors.Api.Errors;
using Actors.Api.Tracking;
using Actors.Api.Ui;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Auth;

/// <summary>
/// HTTP Basic authentication for every /api endpoint. It runs before the Mautic-Version filter, because Mautic's
/// API subscriber answers authentication errors without that header. A client or username refused by the
/// <see cref="LoginThrottle"/> gets 429 even with the right credentials, so guessing gains nothing while it waits;
/// both are asked before the password is hashed, so a refused guess costs no hash.
/// Requests without credentials get 401 but are not counted: they are a client not yet asking, not a guess.
/// A request without an Authorization header may instead carry the operator UI's session cookie; a state-changing
/// one must then also carry its antiforgery token in the X-CSRF-TOKEN header, or it gets 403.
/// </summary>
internal sealed class BasicAuthenticationFilter(
    CredentialVerifier verifier, LoginThrottle throttle, ClientAddressPolicy addresses, UiSessionReader sessions,
    ILogger<BasicAuthenticationFilter> logger) : IEndpointFilter
{
    public const string Challenge = "Basic realm=\"Mautic\"";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var address = addresses.Resolve(http.Connection.RemoteIpAddress, http.Request.Headers["X-Forwarded-For"].ToString()) ?? IPAddress.None;
        if (throttle.ClientRetryAfter(address) is { } wait)
            return TooManyFailures(http, wait, "Too many failed sign-ins from this address; try again later.");
        var credentials = BasicCredentials.From(http.Request);
        if (credentials is null && !http.Request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            var (state, sessionUser) = await sessions.ReadAsync(http);
            if (state == UiSessionState.Forged)
                return ApiErrors.Problem(StatusCodes.Status403Forbidden, UiSessionReader.MissingToken, type: "access_denied");
            if (sessionUser is not null)
            {
                http.User = sessionUser;
                return await next(context);
            }
        }
        if (credentials is not null && throttle.UserRetryAfter(address, credentials.Username) is { } userWait)
            return TooManyFailures(http, userWait, "Too many failed sign-ins for this user; try again later.");
        var user = credentials is null ? null : await verifier.VerifyAsync(credentials.Username, credentials.Password);
        if (user is null)
        {
            if (credentials is not null)
            {
                throttle.RecordFailure(address, credentials.Username);
                FailedSignInLog.Basic(logger, credentials.Username, address);
            }
            http.Response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
            return ApiErrors.Problem(StatusCodes.Status401Unauthorized, "Authorization denied, invalid credentials.", type: "access_denied");
        }
        throttle.RecordSuccess(address, user.Username);
        http.User = ApiPrincipal.For(user);
        return await next(context);
    }

    private static IResult TooManyFailures(HttpContext http, TimeSpan wait, string message)
    {
        http.Response.Headers[HeaderNames.RetryAfter] = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return ApiErrors.Problem(StatusCodes.Status429TooManyRequests, message, type: "access_denied");
    }
}
